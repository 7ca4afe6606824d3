-- ARGV[7] most peers to drop in one call
local due = redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, tonumber(ARGV[7]))
local dropped = 0
for _, id in ipairs(due) do
	local p = load(id)
	if not p then
		redis.call('ZREM', leases, id)
	elseif tonumber(p.exp) <= now then
		drop(p, 'expired')
		dropped = dropped + 1
	end
end
return dropped
