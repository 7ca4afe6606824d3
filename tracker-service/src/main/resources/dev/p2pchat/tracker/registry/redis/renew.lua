-- ARGV[5] peerId, [6] token hash, [7] new expiry (epoch ms)
local p, refusal = authorized(ARGV[5], ARGV[6])
if not p then
	return refusal
end
redis.call('HSET', peerKey(p.id), 'ren', ARGV[3], 'exp', ARGV[7])
redis.call('ZADD', leases, ARGV[7], p.id)
p.ren = ARGV[3]
-- no event, but every replica learns the new version (its cached list is stale)
redis.call('PUBLISH', channel, 'v\n' .. nextVersion())
return { 'ok', record(p) }
