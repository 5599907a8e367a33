-- wrk script for the POST /group load of disco-api/bench/api-bench.sh.
-- The body is a ~1.4 KB group that the script writes; it passes the file's path in
-- BENCH_POST_BODY so that the body is made in one place only, and the number of group IDs to
-- cycle through in BENCH_POST_IDS. Each request names one of those IDs, UUID-shaped, so the
-- first requests create groups and later ones replace them (both full writes: parsed, checked,
-- rendered and stored). The store keeps at most BENCH_POST_IDS groups of the load, as a server
-- keeps a bounded number (--max-groups); new IDs without end would leave hundreds of thousands of
-- groups behind and every later run would measure the garbage collector over that heap.

local path = os.getenv("BENCH_POST_BODY")
assert(path and path ~= "", "BENCH_POST_BODY must name the JSON body file")
local ids = tonumber(os.getenv("BENCH_POST_IDS") or "")
assert(ids and ids > 0, "BENCH_POST_IDS must be a positive number")

local file = assert(io.open(path, "rb"))
local body = file:read("*a")
file:close()

local before, after = body:match('^(.-"ID":")(".*)$')
assert(before, 'the body must hold "ID":""')

local threads = 0
function setup(thread)
    thread:set("first", threads)
    threads = threads + 1
end

-- Each thread walks the IDs from its own place, so that threads seldom write the same group.
function init(args)
    counter = first * 7919
    headers = { ["Content-Type"] = "application/json" }
end

function request()
    counter = counter + 1
    local id = string.format("00000000-0000-4000-8000-%012d", counter % ids)
    return wrk.format("POST", nil, headers, before .. id .. after)
end
