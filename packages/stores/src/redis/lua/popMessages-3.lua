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
  ARGV[4] optional: processes in the group; with more than one, a preference (PopPreference in
          the engine's ports/task-queue.ts): ids whose last two hex digits, as a number modulo
          ARGV[4], equal ARGV[5] (or that do not end in two hex digits; a trailing `-<1 to 4 digits>`
          is skipped, as in the engine's routing/affinity.ts) come first, among the
          first max(4 × count, 64) ready messages; other ids fill the rest of the batch once they
          have been due for ARGV[6] ms
  ARGV[5] this process's index in the group
  ARGV[6] ms another process's message must have been due before this one takes it

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

local ids
local processes = tonumber(ARGV[4] or '0')
if processes > 1 then
  local mine = tonumber(ARGV[5])
  local grace = tonumber(ARGV[6])
  local window = redis.call('ZRANGE', KEYS[2], 0, math.max(count * 4, 64) - 1, 'WITHSCORES')
  ids = {}
  local others = {}
  for i = 1, #window, 2 do
    local id = window[i]
    -- As affinitySlot in the engine: a sub-workflow's `-<retry>` suffix does not count.
    local digits = string.match((string.gsub(id, '%-%d%d?%d?%d?$', '')), '%x%x$')
    if digits == nil or tonumber(digits, 16) % processes == mine then
      if #ids < count then ids[#ids + 1] = id end
    elseif #others < count and now - (tonumber(window[i + 1]) % 1e13) >= grace then
      others[#others + 1] = id
    end
  end
  for i = 1, #others do
    if #ids >= count then break end
    ids[#ids + 1] = others[i]
  end
else
  ids = redis.call('ZRANGE', KEYS[2], 0, count - 1)
end
local hiddenUntil = string.format('%.0f', now + lease)
for i = 1, #ids do
  redis.call('ZREM', KEYS[2], ids[i])
  redis.call('ZADD', KEYS[1], hiddenUntil, ids[i])
end
return ids
