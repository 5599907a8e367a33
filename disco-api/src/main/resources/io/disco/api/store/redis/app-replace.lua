-- Replaces one application if it is still as the writer read it. Returns 1 when written, 0
-- when another write came first, -1 when the application is gone.
-- ARGV: prefix, id, json read, json to write
local prefix, id, read, json = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local key = prefix .. 'application:' .. id
local current = redis.call('GET', key)
if not current then
  return -1
end
if current ~= read then
  return 0
end
redis.call('SET', key, json)
return 1
