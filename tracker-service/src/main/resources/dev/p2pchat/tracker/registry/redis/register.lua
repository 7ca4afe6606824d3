-- ARGV[7] peerId, [8] username, [9] name key, [10] url, [11] public key, [12] token hash,
-- [13] expiry (epoch ms), [14] most live peers, [15] reachable ('1' or '0')
local id, username, nk, url, key, tok, exp = ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13]
local existing = live(id)
-- a live record is replaced only by the holder of its key
if existing and existing.key ~= key then
	return { 'peer-id-taken' }
end
if nameHeldByOther(nk, id) then
	return { 'name-taken' }
end
if nameReservedForOther(nk, id) then
	return { 'name-reserved' }
end
if not existing and redis.call('ZCARD', leases) >= tonumber(ARGV[14]) then
	for _, due in ipairs(redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, 100)) do
		live(due)
	end
	if redis.call('ZCARD', leases) >= tonumber(ARGV[14]) then
		return { 'full' }
	end
end
if existing then
	if redis.call('HGET', names, existing.nk) == id then
		redis.call('HDEL', names, existing.nk)
	end
	redis.call('HDEL', tokens, existing.tok)
end
release(id)
local p = { id = id, u = username, nk = nk, url = url, key = key, reg = ARGV[3], ren = ARGV[3], exp = exp, tok = tok,
	rch = ARGV[15] }
redis.call('DEL', peerKey(id))
redis.call('HSET', peerKey(id), 'u', username, 'nk', nk, 'url', url, 'key', key, 'reg', p.reg, 'ren', p.ren,
	'exp', exp, 'tok', tok, 'rch', ARGV[15])
redis.call('HSET', names, nk, id)
redis.call('HSET', tokens, tok, id)
redis.call('ZADD', leases, exp, id)
local seq = nextVersion()
redis.call('PUBLISH', channel, encode('j', seq, p, ''))
return { 'ok', seq, existing and 'again' or 'new' }
