-- One rate-limit decision, atomically (Redis runs a script alone).
-- KEYS: the block keys of the identities to check, then one key per bandwidth of every bucket.
-- ARGV: now_ms, block_count, bandwidth_count, then capacity and period_ms for each bandwidth.
-- A bucket hash holds t (tokens, fractional) and ts (when t was computed); a missing hash is full.
-- Answers {'B', identity_key, until, since, strike} | {'A' or 'L', then remaining, reset_ms, retry_ms per bandwidth}.
local now = tonumber(ARGV[1])
local block_count = tonumber(ARGV[2])
local bandwidth_count = tonumber(ARGV[3])

for i = 1, block_count do
  local block = redis.call('HMGET', KEYS[i], 'until', 'since', 'strike')
  if block[1] and tonumber(block[1]) > now then
    return {'B', KEYS[i], block[1], block[2], block[3]}
  end
end

local tokens = {}
local allowed = true
for j = 1, bandwidth_count do
  local capacity = tonumber(ARGV[2 + 2 * j])
  local period = tonumber(ARGV[3 + 2 * j])
  local state = redis.call('HMGET', KEYS[block_count + j], 't', 'ts')
  local t = tonumber(state[1])
  local ts = tonumber(state[2])
  if t == nil then
    t = capacity
  elseif now > ts then
    -- continuous refill; a node whose clock lags (now < ts) refills nothing rather than going back
    t = math.min(capacity, t + (now - ts) * capacity / period)
  end
  tokens[j] = t
  if t < 1 then
    allowed = false
  end
end

local answer = {allowed and 'A' or 'L'}
for j = 1, bandwidth_count do
  local capacity = tonumber(ARGV[2 + 2 * j])
  local period = tonumber(ARGV[3 + 2 * j])
  local t = tokens[j]
  if allowed then
    t = t - 1
  end
  local key = KEYS[block_count + j]
  local until_full = math.ceil((capacity - t) * period / capacity)
  if until_full > 0 then
    redis.call('HSET', key, 't', tostring(t), 'ts', tostring(now))
    -- a full bucket needs no state: let it expire once refilled (plus slack for lagging clocks)
    redis.call('PEXPIRE', key, until_full + 60000)
  else
    redis.call('DEL', key)
  end
  local retry = 0
  if t < 1 then
    retry = math.ceil((1 - t) * period / capacity)
  end
  answer[#answer + 1] = math.floor(t)
  answer[#answer + 1] = until_full
  answer[#answer + 1] = retry
end
return answer
