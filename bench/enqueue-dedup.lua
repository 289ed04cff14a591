-- wrk script: POST /v2/enqueue trigger events that re-use 100 dedup keys
-- (bench-0 .. bench-99), so most requests hit an existing open alert.
--   KLAXON_ROUTING_KEY=<32-char integration key> \
--     wrk -t4 -c16 -d30s --latency -s bench/enqueue-dedup.lua http://127.0.0.1:18080/v2/enqueue
-- Prints non-202 responses, requests/s and p50/p99 latency in done().

local routing_key = os.getenv("KLAXON_ROUTING_KEY")
if routing_key == nil or routing_key == "" then
  error("set KLAXON_ROUTING_KEY to the events-v2 integration key")
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local threads = {}

-- setup/done run in the main Lua state; init/request/response in each thread's own state.
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function init(args)
  counter = 0
  non202 = 0
  statuses = {}
end

function request()
  local n = counter
  counter = counter + 1
  local body = string.format(
    '{"routing_key":"%s","event_action":"trigger","dedup_key":"bench-%d",' ..
    '"payload":{"summary":"bench dedup %d","source":"bench","severity":"critical"}}',
    routing_key, n % 100, n)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 202 then
    non202 = non202 + 1
    local k = tostring(status)
    statuses[k] = (statuses[k] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad, by_status = 0, {}
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non202") or 0)
    for k, v in pairs(t:get("statuses") or {}) do
      by_status[k] = (by_status[k] or 0) + v
    end
  end
  local parts = {}
  for k, v in pairs(by_status) do
    table.insert(parts, k .. "=" .. v)
  end
  table.sort(parts)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write("---- klaxon bench: enqueue-dedup ----\n")
  io.write(string.format("requests: %d in %.2f s, %.1f requests/s\n",
    summary.requests, secs, summary.requests / secs))
  io.write(string.format("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-202 responses: %d%s\n", bad,
    #parts > 0 and (" (" .. table.concat(parts, ", ") .. ")") or ""))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
end
