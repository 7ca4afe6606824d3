-- One registration from a client address's allowance, shared by every tracker replica.
-- KEYS[1] the address's counter; ARGV[1] registrations per window; ARGV[2] the window in ms.
-- The window starts with the address's first registration in it and is fixed from then on.
-- Returns 0 when the registration may pass, else the ms until the window ends (>= 1).
local count = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  -- a new counter; or one without expiry, which would otherwise refuse the address for good
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
if count <= tonumber(ARGV[1]) then
  return 0
end
return math.max(left, 1)
