--[[
  pushMessages: adds messages to a queue, or replaces the visibility time and priority of ones
  already there (due, delayed or leased), then announces the push for long polls when a waiter
  could care: a message is visible now, or a delayed one is now the earliest hidden message (a
  waiter times its sleep by the earliest one). Delayed pushes behind an earlier message, such as
  the decider queue's re-arms on every state change, publish nothing.

  KEYS[1] delayed set  {q:<name>}:delayed (id -> epoch ms it becomes visible)
  KEYS[2] ready set    {q:<name>}:ready   (id -> (99 - priority) * 1e13 + due epoch ms)
  KEYS[3] priorities   {q:<name>}:prio    (id -> priority; membership record)

  ARGV[1] now (epoch ms, from the caller's Clock)
  ARGV[2] pub/sub channel to PUBLISH to ('' for none)
  ARGV[3..] triples: id, priority (0..99), delay ms

  Returns the number of messages pushed.

  Atomic because the three keys share the hash tag {q:<name>} and the script runs without
  interleaving, so a message is always in exactly one of delayed/ready.
]]
local now = tonumber(ARGV[1])
local pushed = 0
local announce = false
for i = 3, #ARGV, 3 do
  local id = ARGV[i]
  local priority = tonumber(ARGV[i + 1])
  local delay = tonumber(ARGV[i + 2])
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('HSET', KEYS[3], id, priority)
  -- Scores are formatted with %.0f: Lua's default number format keeps only 14 digits.
  if delay > 0 then
    redis.call('ZADD', KEYS[1], string.format('%.0f', now + delay), id)
    if not announce and redis.call('ZRANGE', KEYS[1], 0, 0)[1] == id then
      announce = true
    end
  else
    redis.call('ZADD', KEYS[2], string.format('%.0f', (99 - priority) * 1e13 + now), id)
    announce = true
  end
  pushed = pushed + 1
end
if ARGV[2] ~= '' and announce then
  redis.call('PUBLISH', ARGV[2], '1')
end
return pushed
