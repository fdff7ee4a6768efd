--[[
  popMessages: takes up to `count` due messages, highest priority first then oldest due time,
  and hides each for the lease. A leased message stays in the queue, hidden until now + lease;
  if nobody removes or re-pushes it, it becomes due again (redelivery).

  KEYS[1] delayed set  {q:<name>}:delayed
  KEYS[2] ready set    {q:<name>}:ready
  KEYS[3] priorities   {q:<name>}:prio

  ARGV[1] now (epoch ms, from the caller's Clock)
  ARGV[2] count
  ARGV[3] lease ms

  Returns the popped ids.

  Atomic because promoting due messages, choosing and leasing run in one script on one slot:
  two concurrent pops can never both see the same message as ready.
]]
local now = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
if count <= 0 then
  return {}
end

-- Promote messages whose time has come (bounded per call; the rest follow on the next pop).
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, 1000)
for i = 1, #due, 2 do
  local id = due[i]
  local priority = tonumber(redis.call('HGET', KEYS[3], id) or '0')
  redis.call('ZADD', KEYS[2], string.format('%.0f', (99 - priority) * 1e13 + tonumber(due[i + 1])),
    id)
  redis.call('ZREM', KEYS[1], id)
end

local ids = redis.call('ZRANGE', KEYS[2], 0, count - 1)
local hiddenUntil = string.format('%.0f', now + lease)
for i = 1, #ids do
  redis.call('ZREM', KEYS[2], ids[i])
  redis.call('ZADD', KEYS[1], hiddenUntil, ids[i])
end
return ids
