-- Deletes one group and its index entries. Returns 1 if there was such a group, else 0.
-- ARGV: prefix, id
local prefix, id = ARGV[1], ARGV[2]
local key = prefix .. 'group:' .. id
local app = redis.call('HGET', key, 'app')
redis.call('ZREM', prefix .. 'expiry', id)
if not app then
  return 0
end
redis.call('DEL', key)
redis.call('ZREM', prefix .. 'app:' .. app, id)
return 1
