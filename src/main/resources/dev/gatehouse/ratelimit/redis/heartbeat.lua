-- Marks a node alive and counts the live ones. KEYS[1]: the node set. ARGV: node_id, now_ms, stale_before_ms.
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
redis.call('PEXPIRE', KEYS[1], 86400000)
return {redis.call('ZCARD', KEYS[1])}
