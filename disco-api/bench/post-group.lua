-- wrk script for the POST /group load of disco-api/bench/api-bench.sh.
-- The body is a ~1.4 KB group that the script writes; it passes the file's path in
-- BENCH_POST_BODY so that the body is made in one place only. wrk sends the same body on
-- every request; its ID is empty, so the real server creates a new group each time.

local path = os.getenv("BENCH_POST_BODY")
assert(path and path ~= "", "BENCH_POST_BODY must name the JSON body file")

local file = assert(io.open(path, "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
