-- bench/wrk.ts's script for wrk: every request prebuilt once per thread (no per-request Lua
-- work beyond picking the next one), tokens rotated one per request when a file of them is
-- given, and one JSON line at the end that bench/wrk.ts parses.
--   BENCH_WRK_TOKENS  a file with one token a line (each request the next one), optional
--   BENCH_WRK_TOKEN   one token for every request, optional
--   BENCH_WRK_BODY    a file whose content is POSTed as application/json, optional
local requests = {}
local count = 0
local at = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local function read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  local body = nil
  local method = "GET"
  local bodyFile = os.getenv("BENCH_WRK_BODY")
  if bodyFile and bodyFile ~= "" then
    body = read(bodyFile)
    method = "POST"
  end
  local tokens = {}
  local tokenFile = os.getenv("BENCH_WRK_TOKENS")
  local single = os.getenv("BENCH_WRK_TOKEN")
  if tokenFile and tokenFile ~= "" then
    for line in io.lines(tokenFile) do
      if line ~= "" then tokens[#tokens + 1] = line end
    end
  elseif single and single ~= "" then
    tokens[1] = single
  end
  local function headers(token)
    local h = { Host = wrk.headers["Host"] }
    if body then h["Content-Type"] = "application/json" end
    if token then h["Authorization"] = "Bearer " .. token end
    return h
  end
  if #tokens == 0 then
    requests[1] = wrk.format(method, nil, headers(nil), body)
  else
    for i, token in ipairs(tokens) do requests[i] = wrk.format(method, nil, headers(token), body) end
  end
  count = #requests
  -- Threads start at different points of the list, so two threads do not send the same token in step.
  at = ((id or 1) - 1) * math.floor(count / 4) % count
end

function request()
  at = at + 1
  if at > count then at = 1 end
  return requests[at]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"non2xx":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
