-- Deletes one group and its index entries. Returns 1 if there was such a group, else 0; with a
-- version, only if the group is still as the deleter read it ('' for none), else -1.
-- ARGV: prefix, id, optionally the version read
local prefix, id, read = ARGV[1], ARGV[2], ARGV[3]
local key = prefix .. 'group:' .. id
if read and (redis.call('HGET', key, 'ver') or '') ~= read then
  return -1
end
local app = redis.call('HGET', key, 'app')
redis.call('ZREM', prefix .. 'expiry', id)
if not app then
  return 0
end
redis.call('DEL', key)
redis.call('ZREM', prefix .. 'app:' .. app, id)
return 1
