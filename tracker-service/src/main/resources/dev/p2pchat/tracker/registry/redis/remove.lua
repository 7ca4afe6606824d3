-- ARGV[7] peerId, [8] token hash
local p, refusal = authorized(ARGV[7], ARGV[8])
if not p then
	return refusal
end
drop(p, 'deleted')
return { 'ok', record(p) }
