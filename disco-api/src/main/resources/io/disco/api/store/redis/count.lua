-- How many groups Redis still keeps, of all applications or of one: index entries whose score
-- (the group's expiry, in ms) is not before Redis's now, as Redis keeps a key until its time
-- passes that. ARGV: prefix, then the application, or nothing for all
local prefix, app = ARGV[1], ARGV[2]
local index = app and prefix .. 'app:' .. app or prefix .. 'expiry'
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return redis.call('ZCOUNT', index, now, '+inf')
