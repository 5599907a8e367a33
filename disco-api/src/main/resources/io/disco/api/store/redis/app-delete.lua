-- Deletes one application and every group of it, in one step, and publishes the deletion to
-- every node. Returns 1 if there was such an application, else 0.
-- ARGV: the groups' prefix, id, the application's key, the set of registered IDs, the channel of
-- deletions, the notice
local prefix, id, key, registered, deletions, notice = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if redis.call('DEL', key) == 0 then
  return 0
end
redis.call('SREM', registered, id)
local index = prefix .. 'app:' .. id
for _, group in ipairs(redis.call('ZRANGE', index, 0, -1)) do
  local groupKey = prefix .. 'group:' .. group
  -- An index entry may be left from a group since recreated in another application.
  if redis.call('HGET', groupKey, 'app') == id then
    redis.call('DEL', groupKey)
    redis.call('ZREM', prefix .. 'expiry', group)
  end
end
redis.call('DEL', index)
redis.call('SREM', prefix .. 'apps', id)
redis.call('PUBLISH', deletions, notice)
return 1
