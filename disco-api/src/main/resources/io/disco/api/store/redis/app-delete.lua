-- Deletes one application and every group of it, in one step, and publishes the deletion to
-- every node. Returns 1 if there was such an application, else 0.
-- ARGV: prefix, id, the message to publish
local prefix, id, message = ARGV[1], ARGV[2], ARGV[3]
if redis.call('DEL', prefix .. 'application:' .. id) == 0 then
  return 0
end
redis.call('SREM', prefix .. 'applications', id)
local index = prefix .. 'app:' .. id
for _, group in ipairs(redis.call('ZRANGE', index, 0, -1)) do
  local key = prefix .. 'group:' .. group
  -- An index entry may be left from a group since recreated in another application.
  if redis.call('HGET', key, 'app') == id then
    redis.call('DEL', key)
    redis.call('ZREM', prefix .. 'expiry', group)
  end
end
redis.call('DEL', index)
redis.call('SREM', prefix .. 'apps', id)
redis.call('PUBLISH', prefix .. 'application-deleted', message)
return 1
