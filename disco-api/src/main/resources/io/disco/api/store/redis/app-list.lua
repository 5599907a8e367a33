-- Every registered application's JSON, in one snapshot.
-- ARGV: the set of registered IDs, what every application's key starts with
local registered, keyPrefix = ARGV[1], ARGV[2]
local apps = {}
for _, id in ipairs(redis.call('SMEMBERS', registered)) do
  local json = redis.call('GET', keyPrefix .. id)
  if json then
    apps[#apps + 1] = json
  end
end
return apps
