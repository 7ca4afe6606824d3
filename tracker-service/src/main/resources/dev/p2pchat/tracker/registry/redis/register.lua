-- ARGV[5] peerId, [6] username, [7] name key, [8] url, [9] public key or '', [10] token hash,
-- [11] expiry (epoch ms)
local id, username, nk, url, key, tok, exp = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11]
local existing = live(id)
if existing and existing.url ~= url then
	return { 'peer-id-taken' }
end
if nameHeldByOther(nk, id) then
	return { 'name-taken' }
end
if existing and redis.call('HGET', names, existing.nk) == id then
	redis.call('HDEL', names, existing.nk)
end
local p = { id = id, u = username, nk = nk, url = url, key = key, reg = ARGV[3], ren = ARGV[3], exp = exp, tok = tok }
redis.call('DEL', peerKey(id))
redis.call('HSET', peerKey(id), 'u', username, 'nk', nk, 'url', url, 'key', key, 'reg', p.reg, 'ren', p.ren,
	'exp', exp, 'tok', tok)
redis.call('HSET', names, nk, id)
redis.call('ZADD', leases, exp, id)
local seq = nextVersion()
redis.call('PUBLISH', channel, encode('j', seq, p, ''))
return { 'ok', seq, existing and 'again' or 'new' }
