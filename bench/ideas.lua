-- wrk script of bench/ideas.sh. BENCH_MODE picks the requests:
--   (unset)  the path given on the command line, unchanged
--   detail   GET /ideas/{n}, n random in 1..BENCH_MAX_NUMBER
--   walk     GET /ideas/{n} for every n in 1..BENCH_MAX_NUMBER in turn, the threads interleaved (then again)
--   search   GET /ideas?q=..., a random query of BENCH_QUERIES (one URL-encoded query per line of that file)
--   vote     POST /ideas/{n}/vote with a random value (1, -1 or 0) as a random signed-in session of BENCH_SESSIONS
--            (lines "JSESSIONID CSRF-TOKEN"), n random in 1..BENCH_MAX_NUMBER
-- Every mode prints "p95_ms <value>" at the end, which wrk's --latency table leaves out.

local mode = os.getenv("BENCH_MODE") or ""
local max_number = tonumber(os.getenv("BENCH_MAX_NUMBER") or "1")
local lines = {}
local counter = 0

local function read_lines(file)
  local out = {}
  for line in io.lines(file) do
    if line ~= "" then out[#out + 1] = line end
  end
  assert(#out > 0, "no lines in " .. file)
  return out
end

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
  if mode == "search" then
    lines = read_lines(os.getenv("BENCH_QUERIES"))
  elseif mode == "vote" then
    for _, line in ipairs(read_lines(os.getenv("BENCH_SESSIONS"))) do
      local session, token = line:match("^(%S+)%s+(%S+)$")
      lines[#lines + 1] = { session = session, token = token }
    end
  end
end

local values = { "1", "1", "1", "-1", "0" }
local walked = 0

-- Thread k of T asks for k, k + T, k + 2T, ...: together they ask for every idea once per round.
local function next_walked()
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local n = (seed - 1) + walked * threads
  walked = walked + 1
  return (n % max_number) + 1
end

function request()
  if mode == "detail" then
    return wrk.format("GET", "/ideas/" .. math.random(max_number))
  elseif mode == "walk" then
    return wrk.format("GET", "/ideas/" .. next_walked())
  elseif mode == "search" then
    return wrk.format("GET", "/ideas?q=" .. lines[math.random(#lines)])
  elseif mode == "vote" then
    local s = lines[math.random(#lines)]
    return wrk.format("POST", "/ideas/" .. math.random(max_number) .. "/vote", {
      ["Cookie"] = "JSESSIONID=" .. s.session,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, "value=" .. values[math.random(#values)] .. "&_csrf=" .. s.token)
  end
  return wrk.format()
end

function done(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
end
