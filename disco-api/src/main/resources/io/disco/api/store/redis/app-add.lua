-- Registers one application unless its ID is taken, and announces it. Returns 1 if it was added,
-- else 0.
-- ARGV: the application's key, the set of registered IDs, id, json, the channel of changes, the notice
local key, registered, id, json, changes, notice = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if redis.call('SET', key, json, 'NX') then
  redis.call('SADD', registered, id)
  redis.call('PUBLISH', changes, notice)
  return 1
end
return 0
