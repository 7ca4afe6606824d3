-- One identity registering from a client address and its network, counted by every replica.
-- KEYS[1] the address's set of peerIds, KEYS[2] the network's; ARGV[1] the peerId, ARGV[2] new
-- identities per address per window, ARGV[3] per network, ARGV[4] the window in ms. A window
-- starts with the first identity counted in it (the set gets its expiry then).
-- Returns 0 when the identity may register (it is then counted in both), else the ms until
-- the window that refuses it ends (>= 1), negated for the network's.
local id = ARGV[1]

local function wait(key, limit)
  if redis.call('SISMEMBER', key, id) == 1 or redis.call('SCARD', key) < tonumber(limit) then
    return 0
  end
  local left = redis.call('PTTL', key)
  if left < 0 then
    -- a set without expiry would refuse for good
    redis.call('PEXPIRE', key, ARGV[4])
    left = tonumber(ARGV[4])
  end
  return math.max(left, 1)
end

local address = wait(KEYS[1], ARGV[2])
if address > 0 then
  return address
end
local network = wait(KEYS[2], ARGV[3])
if network > 0 then
  return -network
end
for _, key in ipairs(KEYS) do
  redis.call('SADD', key, id)
  if redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[4])
  end
end
return 0
