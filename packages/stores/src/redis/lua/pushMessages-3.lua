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
  interleaving, so a message is always in exactly one of delayed/ready. The push itself is
  lib/queue.lua's, shared with the execution scripts that push with their change.
]]
--#include queue
local now = tonumber(ARGV[1])
local pushed = 0
local announce = false
for i = 3, #ARGV, 3 do
  announce = pushMessage(KEYS[1], KEYS[2], KEYS[3], now, ARGV[i], tonumber(ARGV[i + 1]),
    tonumber(ARGV[i + 2]), announce)
  pushed = pushed + 1
end
if ARGV[2] ~= '' and announce then
  redis.call('PUBLISH', ARGV[2], '1')
end
return pushed
