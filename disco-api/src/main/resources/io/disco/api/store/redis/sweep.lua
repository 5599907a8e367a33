-- Deletes every group that expired at or before the caller's now, exactly (seconds and nanos),
-- and returns id, json, expiry seconds, expiry nanos for each. On the way it removes the index
-- entries of groups Redis dropped by itself at their expiry, and of groups recreated in another
-- application since, and forgets applications left without groups.
-- ARGV: prefix, now in milliseconds (rounded up), now's seconds, now's nanos
local prefix, cutoff = ARGV[1], ARGV[2]
local nowSeconds, nowNanos = tonumber(ARGV[3]), tonumber(ARGV[4])
local deleted = {}
for _, app in ipairs(redis.call('SMEMBERS', prefix .. 'apps')) do
  local index = prefix .. 'app:' .. app
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', cutoff)) do
    local key = prefix .. 'group:' .. id
    local group = redis.call('HMGET', key, 'json', 'app', 'exps', 'expn')
    if not group[1] then
      redis.call('ZREM', index, id)
      redis.call('ZREM', prefix .. 'expiry', id)
    elseif group[2] ~= app then
      redis.call('ZREM', index, id)
    else
      local seconds, nanos = tonumber(group[3]), tonumber(group[4])
      if seconds < nowSeconds or (seconds == nowSeconds and nanos <= nowNanos) then
        redis.call('DEL', key)
        redis.call('ZREM', index, id)
        redis.call('ZREM', prefix .. 'expiry', id)
        deleted[#deleted + 1] = id
        deleted[#deleted + 1] = group[1]
        deleted[#deleted + 1] = group[3]
        deleted[#deleted + 1] = group[4]
      end
    end
  end
  if redis.call('EXISTS', index) == 0 then
    redis.call('SREM', prefix .. 'apps', app)
  end
end
return deleted
