-- the version and every listed peer, in one atomic read: version, then id and record per peer
local out = { redis.call('GET', versionKey) or '0' }
for _, id in ipairs(redis.call('ZRANGE', leases, 0, -1)) do
	local p = load(id)
	if p then
		out[#out + 1] = id
		out[#out + 1] = record(p)
	end
end
return out
