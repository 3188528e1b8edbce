-- Blocks still in force, soonest to end first. The index is a sorted set of identities by block end.
-- KEYS[1]: the index. ARGV: now_ms, the block-hash key prefix. Answers identity, until, since, strike, ...
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local answer = {}
for _, identity in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local block = redis.call('HMGET', ARGV[2] .. identity, 'until', 'since', 'strike')
  if block[1] and tonumber(block[1]) > now then
    answer[#answer + 1] = identity
    answer[#answer + 1] = block[1]
    answer[#answer + 1] = block[2]
    answer[#answer + 1] = block[3]
  end
end
return answer
