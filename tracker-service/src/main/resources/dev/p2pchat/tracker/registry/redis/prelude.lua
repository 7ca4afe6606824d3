-- Shared by every script of RedisPeerRegistry (see docs/tracker.md, "Redis store").
-- KEYS[1] names (hash nameKey -> peerId), KEYS[2] leases (sorted set peerId by expiry ms),
-- KEYS[3] version (counter), KEYS[4] tokens (hash token hash -> peerId); ARGV[1] prefix of the peer hashes, ARGV[2] event channel,
-- ARGV[3] now (epoch ms), ARGV[4] the version to start from when the counter is missing,
-- ARGV[5] the name reservation (ms, 0 = none), ARGV[6] the prefix of the reservation keys.
-- Operations take their own arguments from ARGV[7] on.
-- A peer hash holds u (username), nk (name key), url, key (public key or ''), reg, ren, exp
-- (epoch ms), tok (SHA-256 of the lease token, base64url) and rch ('1' reachable, '0' not;
-- absent in records written before it: reachable).
-- A departed peer's name is reserved for it: <reservations>name:<nk> = '<peerId> <until ms>' and
-- <reservations>peer:<peerId> = nk (one per key), both expiring in Redis a minute after <until>
-- (on Redis's clock, only to clean up; the replica's clock decides whether one still holds).
local names, leases, versionKey, tokens = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix, channel, now, seed = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local reservation, reservations = tonumber(ARGV[5]), ARGV[6]

local function nextVersion()
	if redis.call('EXISTS', versionKey) == 0 then
		redis.call('SET', versionKey, seed)
	end
	-- as a string: Lua would print a number this large in exponent notation
	return string.format('%d', redis.call('INCR', versionKey))
end

local function peerKey(id)
	return prefix .. id
end

local function load(id)
	local h = redis.call('HGETALL', peerKey(id))
	if #h == 0 then
		return nil
	end
	local p = { id = id }
	for i = 1, #h, 2 do
		p[h[i]] = h[i + 1]
	end
	return p
end

local function encode(kind, seq, p, extra)
	return table.concat({ kind, seq, p.id, p.u, p.url, p.key or '', p.reg, p.ren, extra, p.rch or '1' }, '\n')
end

local function record(p)
	return { p.u, p.url, p.key or '', p.reg, p.ren, p.rch or '1' }
end

local function reservedNameKey(nk)
	return reservations .. 'name:' .. nk
end

local function reservingPeerKey(id)
	return reservations .. 'peer:' .. id
end

-- gives up a key's reservation (it is back)
local function release(id)
	local nk = redis.call('GET', reservingPeerKey(id))
	if nk then
		redis.call('DEL', reservingPeerKey(id))
		local held = redis.call('GET', reservedNameKey(nk))
		if held and string.sub(held, 1, #id + 1) == id .. ' ' then
			redis.call('DEL', reservedNameKey(nk))
		end
	end
end

local function reserve(p)
	if reservation <= 0 then
		return
	end
	release(p.id)
	local ttl = reservation + 60000
	redis.call('SET', reservedNameKey(p.nk), p.id .. ' ' .. string.format('%d', now + reservation), 'PX', ttl)
	redis.call('SET', reservingPeerKey(p.id), p.nk, 'PX', ttl)
end

-- whether a running reservation of the name belongs to another key
local function nameReservedForOther(nk, id)
	local held = redis.call('GET', reservedNameKey(nk))
	if not held then
		return false
	end
	local space = string.find(held, ' ', 1, true)
	return tonumber(string.sub(held, space + 1)) > now and string.sub(held, 1, space - 1) ~= id
end

local function drop(p, reason)
	redis.call('DEL', peerKey(p.id))
	if redis.call('HGET', names, p.nk) == p.id then
		redis.call('HDEL', names, p.nk)
	end
	redis.call('ZREM', leases, p.id)
	if p.tok then
		redis.call('HDEL', tokens, p.tok)
	end
	reserve(p)
	redis.call('PUBLISH', channel, encode('l', nextVersion(), p, reason))
end

-- the live record of a peer; one whose lease has run out is dropped here, with its left event
local function live(id)
	local p = load(id)
	if not p then
		redis.call('ZREM', leases, id)
		return nil
	end
	if tonumber(p.exp) <= now then
		drop(p, 'expired')
		return nil
	end
	return p
end

local function nameHeldByOther(nk, id)
	local holder = redis.call('HGET', names, nk)
	return holder and holder ~= id and live(holder) ~= nil
end

local function authorized(id, tok)
	local p = live(id)
	if not p then
		return nil, { 'not-found' }
	end
	-- compares SHA-256 hashes, never tokens; Lua strings are interned, so == compares references
	if p.tok ~= tok then
		return nil, { 'forbidden' }
	end
	return p, nil
end

