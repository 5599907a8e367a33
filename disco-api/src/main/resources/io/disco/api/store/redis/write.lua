-- Writes one group if it is still as the writer read it: optimistic concurrency, the check and
-- the write in one atomic step. Returns the new version, or 0 when another write came first.
-- ARGV: prefix, id, version read ('' for none), json, app, expiry seconds, expiry nanos,
-- expiry in milliseconds (rounded up, so Redis never drops the group before its expiry).
local prefix, id, read = ARGV[1], ARGV[2], ARGV[3]
local json, app, seconds, nanos, when = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local key = prefix .. 'group:' .. id
local current = redis.call('HMGET', key, 'ver', 'app')
if (current[1] or '') ~= read then
  return 0
end
if current[2] and current[2] ~= app then
  redis.call('ZREM', prefix .. 'app:' .. current[2], id)
end
local version = redis.call('INCR', prefix .. 'version')
redis.call('HSET', key, 'json', json, 'app', app, 'exps', seconds, 'expn', nanos, 'ver', version)
redis.call('PEXPIREAT', key, when)
redis.call('ZADD', prefix .. 'expiry', when, id)
redis.call('ZADD', prefix .. 'app:' .. app, when, id)
redis.call('SADD', prefix .. 'apps', app)
return version
