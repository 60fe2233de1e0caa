-- wrk script of bench/inbox.sh: the path given on the command line, unchanged. With BENCH_PACE_MS set, every
-- connection waits a random 0.5–1.5 × BENCH_PACE_MS after each answer before it asks again, so that the offered load
-- is about CONNECTIONS / (BENCH_PACE_MS + response time) requests a second: staff refreshing their lists, not a
-- client asking flat out. Prints "p95_ms <value>" at the end, which wrk's --latency table leaves out.

local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

if pace > 0 then
  function delay()
    return math.floor(pace * (0.5 + math.random()))
  end
end

function done(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
end
