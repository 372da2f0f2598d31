-- A mix of commands for wrk, each with its own Idempotency-Key, as a real client sends them:
-- raise a problem, note progress on one of the problems prepared beforehand (chosen at
-- random, so two connections seldom race on one), submit a review.
-- wrk -s commands.lua URL -- ISSUE_ID_FILE TOKEN RUN_NAME
local threads = {}
local counter = 0
local issues = {}
statuses = {}
local raise_body = '{"channel":"hotline_12345","category":"permits",'
  .. '"enterprise_code":"91110000600037341L","enterprise_name":"利州食品股份有限公司",'
  .. '"description":"施工许可办理慢"}'
local progress_body = '{"note":"已协调相关部门"}'
local review_body = '{"subject_kind":"unit","subject_id":"市自然资源和规划局",'
  .. '"subject_unit":"市自然资源和规划局","channel":"app","level":2}'

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    table.insert(issues, line)
  end
  token = args[2]
  run = args[3]
  math.randomseed(number * 7919)
end

function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = run .. "-" .. number .. "-" .. counter,
  }
  local kind = counter % 3
  if kind == 0 then
    return wrk.format("POST", "/issues", headers, raise_body)
  elseif kind == 1 then
    local issue = issues[math.random(#issues)]
    return wrk.format("POST", "/issues/" .. issue .. "/progress", headers, progress_body)
  end
  return wrk.format("POST", "/reviews", headers, review_body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    for status, n in pairs(counted) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  for status, n in pairs(totals) do
    io.write(string.format("status %d %d\n", status, n))
  end
end
