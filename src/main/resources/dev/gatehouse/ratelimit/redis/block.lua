-- Blocks an identity; its length climbs a ladder with the blocks of the last 24 hours.
-- KEYS: the block hash, the identity's strike set (block start times), the index of blocks by end.
-- ARGV: now_ms, identity, then the ladder in ms. Answers {until, since, strike}.
local now = tonumber(ARGV[1])
local identity = ARGV[2]
local day = 86400000
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - day)
redis.call('ZADD', KEYS[2], now, tostring(now) .. ':' .. tostring(redis.call('ZCARD', KEYS[2])))
redis.call('PEXPIRE', KEYS[2], day)
local strike = redis.call('ZCARD', KEYS[2])
local rung = math.min(strike, #ARGV - 2)
local length = tonumber(ARGV[2 + rung])
local block_until = now + length
redis.call('HSET', KEYS[1], 'until', block_until, 'since', now, 'strike', strike)
redis.call('PEXPIRE', KEYS[1], length + 60000)
redis.call('ZADD', KEYS[3], block_until, identity)
return {block_until, now, strike}
