-- One rate-limit decision, atomically (Redis runs a script alone).
-- KEYS: the block keys of the identities to check, then one key per bandwidth of every bucket.
-- ARGV: now_ms, block_count, bandwidth_count, nodes, then capacity, period_ms and refund for each bandwidth.
-- Leases (AllowanceRateLimitStore): an allowed request also takes a lease for its node, up to its
-- share (1/nodes) of what the bucket holds above half; refund returns what the last lease left unused.
-- nodes = 0 asks for no lease.
-- A bucket hash holds t (tokens, fractional) and ts (when t was computed); a missing hash is full.
-- Answers {'B', identity_key, until, since, strike}
--       | {'A' or 'L', then remaining, reset_ms, retry_ms, lease per bandwidth}.
local now = tonumber(ARGV[1])
local block_count = tonumber(ARGV[2])
local bandwidth_count = tonumber(ARGV[3])
local nodes = tonumber(ARGV[4])

local function bandwidth(j)
  local base = 4 + 3 * (j - 1)
  return tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
end

local tokens = {}
for j = 1, bandwidth_count do
  local capacity, period, refund = bandwidth(j)
  local state = redis.call('HMGET', KEYS[block_count + j], 't', 'ts')
  local t = tonumber(state[1])
  local ts = tonumber(state[2])
  if t == nil then
    t = capacity
  elseif now > ts then
    -- continuous refill; a node whose clock lags (now < ts) refills nothing rather than going back
    t = math.min(capacity, t + (now - ts) * capacity / period)
  end
  tokens[j] = math.min(capacity, t + refund)
end

local function store(j, t)
  local capacity, period = bandwidth(j)
  local key = KEYS[block_count + j]
  local until_full = math.ceil((capacity - t) * period / capacity)
  if until_full > 0 then
    redis.call('HSET', key, 't', tostring(t), 'ts', tostring(now))
    -- a full bucket needs no state: let it expire once refilled (plus slack for lagging clocks)
    redis.call('PEXPIRE', key, until_full + 60000)
  else
    redis.call('DEL', key)
  end
  return until_full
end

for i = 1, block_count do
  local block = redis.call('HMGET', KEYS[i], 'until', 'since', 'strike')
  if block[1] and tonumber(block[1]) > now then
    for j = 1, bandwidth_count do
      store(j, tokens[j])
    end
    return {'B', KEYS[i], block[1], block[2], block[3]}
  end
end

local allowed = true
for j = 1, bandwidth_count do
  if tokens[j] < 1 then
    allowed = false
  end
end

local answer = {allowed and 'A' or 'L'}
for j = 1, bandwidth_count do
  local capacity, period = bandwidth(j)
  local t = tokens[j]
  local lease = 0
  if allowed then
    t = t - 1
    if nodes > 0 then
      lease = math.max(0, math.floor((t - capacity / 2) / nodes))
    end
  end
  store(j, t - lease)
  -- what this request sees: the bucket as if the lease were still in it (the node spends it)
  local until_full = math.max(0, math.ceil((capacity - t) * period / capacity))
  local retry = 0
  if t < 1 then
    retry = math.ceil((1 - t) * period / capacity)
  end
  answer[#answer + 1] = math.floor(t)
  answer[#answer + 1] = until_full
  answer[#answer + 1] = retry
  answer[#answer + 1] = lease
end
return answer
