-- Registers one application unless its ID is taken. Returns 1 if it was added, else 0.
-- ARGV: prefix, id, json
local prefix, id, json = ARGV[1], ARGV[2], ARGV[3]
if redis.call('SET', prefix .. 'application:' .. id, json, 'NX') then
  redis.call('SADD', prefix .. 'applications', id)
  return 1
end
return 0
