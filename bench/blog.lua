-- wrk script of bench/blog.sh. BENCH_MODE picks the requests:
--   (unset)  the path given on the command line, unchanged
--   post     GET /blog/{language}/{slug}, a random line of BENCH_SLUGS (one "language/slug" per line)
-- Prints "p95_ms <value>" at the end, which wrk's --latency table leaves out.

local mode = os.getenv("BENCH_MODE") or ""
local slugs = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
  if mode == "post" then
    for line in io.lines(os.getenv("BENCH_SLUGS")) do
      if line ~= "" then slugs[#slugs + 1] = line end
    end
    assert(#slugs > 0, "no slugs in " .. os.getenv("BENCH_SLUGS"))
  end
end

function request()
  if mode == "post" then
    return wrk.format("GET", "/blog/" .. slugs[math.random(#slugs)])
  end
  return wrk.format()
end

function done(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
end
