-- Lifts a block in force; strikes stay. KEYS: the block hash, the index. ARGV: now_ms, identity. Answers 1 or 0.
local block_until = redis.call('HGET', KEYS[1], 'until')
redis.call('ZREM', KEYS[2], ARGV[2])
if block_until and tonumber(block_until) > tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return {1}
end
return {0}
