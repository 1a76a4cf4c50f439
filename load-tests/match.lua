-- wrk script: single-query POST /match bodies, rotating realistic names
-- (listed people and companies, a near miss and an unlisted person).
-- Usage: see README.md in this folder.
local names = {
  {"Person", "Kim Sang-man", "1965"},
  {"Person", "Vladimir Putin", "1952"},
  {"Company", "Jinyong IT Cooperation Company", nil},
  {"Person", "Mohammed Al Masri", nil},
  {"Person", "Jane Austen", "1975"},
  {"Company", "Rosneft Trading SA", nil},
  {"Person", "Hassan Nasrallah", nil},
  {"Person", "Maria Gonzalez Lopez", "1980"},
}

local bodies = {}
for i, n in ipairs(names) do
  local props = string.format('"name": ["%s"]', n[2])
  if n[3] then props = props .. string.format(', "birthDate": ["%s"]', n[3]) end
  bodies[i] = string.format('{"queries": {"q1": {"schema": "%s", "properties": {%s}}}}', n[1], props)
end

-- MATCH_PATH picks the route: /match (embargo's shape, the default) or
-- a yente route such as /match/default (yente's shape, copies grouped).
local path = os.getenv("MATCH_PATH")
if not path or path == "" then path = "/match" end

local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- With EMBARGO_KEY set (run.sh does), every request sends the API key.
local key = os.getenv("EMBARGO_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

request = function()
  counter = counter + 1
  return wrk.format(nil, path, nil, bodies[(counter % #bodies) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status))
end
