-- One snapshot of every group, or of one application's: id, json, expiry seconds, expiry nanos
-- for each. An index entry whose score (the group's expiry, in ms) is before Redis's now belongs
-- to a group Redis has dropped or is about to drop, and is skipped; so is one whose group is gone
-- or has moved to another application since (the sweep removes such entries).
-- ARGV: prefix, then the application, or nothing for all
local prefix, app = ARGV[1], ARGV[2]
local index = app and prefix .. 'app:' .. app or prefix .. 'expiry'
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local listing = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', index, now, '+inf')) do
  local group = redis.call('HMGET', prefix .. 'group:' .. id, 'json', 'app', 'exps', 'expn')
  if group[1] and (not app or group[2] == app) then
    listing[#listing + 1] = id
    listing[#listing + 1] = group[1]
    listing[#listing + 1] = group[3]
    listing[#listing + 1] = group[4]
  end
end
return listing
