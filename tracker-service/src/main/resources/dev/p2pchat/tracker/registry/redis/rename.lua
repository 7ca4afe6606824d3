-- ARGV[7] peerId, [8] token hash, [9] new username, [10] its name key
local p, refusal = authorized(ARGV[7], ARGV[8])
if not p then
	return refusal
end
local username, nk = ARGV[9], ARGV[10]
if p.u == username then
	return { 'ok', record(p) }
end
if nameHeldByOther(nk, p.id) then
	return { 'name-taken' }
end
if nameReservedForOther(nk, p.id) then
	return { 'name-reserved' }
end
if redis.call('HGET', names, p.nk) == p.id then
	redis.call('HDEL', names, p.nk)
end
redis.call('HSET', peerKey(p.id), 'u', username, 'nk', nk)
redis.call('HSET', names, nk, p.id)
local previous = p.u
p.u = username
redis.call('PUBLISH', channel, encode('r', nextVersion(), p, previous))
return { 'ok', record(p) }
