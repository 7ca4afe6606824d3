-- ARGV[5] peerId, [6] token hash
local p, refusal = authorized(ARGV[5], ARGV[6])
if not p then
	return refusal
end
drop(p, 'deleted')
return { 'ok', record(p) }
