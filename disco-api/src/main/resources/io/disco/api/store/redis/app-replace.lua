-- Replaces one application if it is still as the writer read it, and announces the change.
-- Returns 1 when written, 0 when another write came first, -1 when the application is gone.
-- ARGV: the application's key, json read, json to write, the channel of changes, the notice
local key, read, json, changes, notice = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local current = redis.call('GET', key)
if not current then
  return -1
end
if current ~= read then
  return 0
end
redis.call('SET', key, json)
redis.call('PUBLISH', changes, notice)
return 1
