-- Every registered application's JSON, in one snapshot.
-- ARGV: prefix
local prefix = ARGV[1]
local apps = {}
for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'applications')) do
  local json = redis.call('GET', prefix .. 'application:' .. id)
  if json then
    apps[#apps + 1] = json
  end
end
return apps
