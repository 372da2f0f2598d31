-- GET one path with a bearer token: wrk -s reads.lua URL -- PATH TOKEN
function init(args)
  path = args[1]
  token = args[2]
end

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
