-- Counts one rejection in a fixed window that starts at the first one.
-- KEYS[1]: the counter hash. ARGV: now_ms, window_ms. Answers the count in the current window.
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'count', 'start')
local count = tonumber(state[1])
local start = tonumber(state[2])
if count == nil or now >= start + window or now < start then
  count = 0
  start = now
end
count = count + 1
redis.call('HSET', KEYS[1], 'count', count, 'start', start)
redis.call('PEXPIRE', KEYS[1], window + 60000)
return {count}
