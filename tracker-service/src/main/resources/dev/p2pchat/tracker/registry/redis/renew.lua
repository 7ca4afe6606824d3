-- ARGV[7] peerId, [8] token hash, [9] new expiry (epoch ms)
local p, refusal = authorized(ARGV[7], ARGV[8])
if not p then
	return refusal
end
redis.call('HSET', peerKey(p.id), 'ren', ARGV[3], 'exp', ARGV[9])
redis.call('ZADD', leases, ARGV[9], p.id)
p.ren = ARGV[3]
-- no event, but every replica learns the new version (its cached list is stale)
redis.call('PUBLISH', channel, 'v\n' .. nextVersion())
return { 'ok', record(p) }
