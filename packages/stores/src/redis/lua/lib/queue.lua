--[[
  Queue writes shared by pushMessages-3 and by the execution scripts that apply queue changes
  with their change (createExecution-3+, saveExecution-3+). Included with `--#include queue`.

  A queue is three keys under its hash tag {q:<name>}; a message is in exactly one of the sets:
    delayed     zset id -> epoch ms it becomes visible (hidden: delayed or leased)
    ready       zset id -> (99 - priority) * 1e13 + due epoch ms (visible; lowest pops first)
    priorities  hash id -> priority (the membership record)

  A queue-change section (encoded by RedisTaskQueue.encodeChanges) starting at ARGV[a]:
    ARGV[a]                      now (epoch ms, from the queue's Clock)
    ARGV[a+1]                    number of queues, q
    ARGV[a+2]                    number of changes, c
    ARGV[a+3 .. a+2+2q]          per queue: pub/sub channel, then its name to add to the
                                 queue-names set ('' when the caller knows it is there)
    ARGV[a+3+2q .. a+2+2q+5c]    per change: 'push' or 'remove', queue number (1..q), id,
                                 priority (0..99), delay ms (priority and delay '' for a remove)
  and its KEYS from KEYS[k] (none when q = 0):
    KEYS[k]                      queue-names set (what RedisTaskQueue.sizes() reads)
    KEYS[k+3n-2 .. k+3n]         queue n: delayed, ready, priorities
]]

-- Adds a message, or replaces the visibility time and priority of one already in the queue (due,
-- delayed or leased). Returns whether a long poll should hear of it: `announced` (an earlier push
-- of the same call said so), a message visible now, or a delayed one that became the earliest
-- hidden message (a waiter times its sleep by that one).
local function pushMessage(delayed, ready, priorities, now, id, priority, delay, announced)
  redis.call('ZREM', delayed, id)
  redis.call('ZREM', ready, id)
  redis.call('HSET', priorities, id, priority)
  -- Scores are formatted with %.0f: Lua's default number format keeps only 14 digits.
  if delay > 0 then
    redis.call('ZADD', delayed, string.format('%.0f', now + delay), id)
    return announced or redis.call('ZRANGE', delayed, 0, 0)[1] == id
  end
  redis.call('ZADD', ready, string.format('%.0f', (99 - priority) * 1e13 + now), id)
  return true
end

-- Deletes a message wherever it is (due, delayed or leased); a no-op when absent.
local function removeMessage(delayed, ready, priorities, id)
  redis.call('ZREM', delayed, id)
  redis.call('ZREM', ready, id)
  redis.call('HDEL', priorities, id)
end

-- The number of KEYS and of ARGV that the queue-change section starting at ARGV[a] takes.
local function queueChangeSpan(a)
  local queues = tonumber(ARGV[a + 1])
  local keyCount = 0
  if queues > 0 then
    keyCount = 1 + 3 * queues
  end
  return keyCount, 3 + 2 * queues + 5 * tonumber(ARGV[a + 2])
end

-- Applies the queue-change section at ARGV[a] to the queues whose keys start at KEYS[k], in
-- order, adds the names it lists to the queue-names set, and PUBLISHes once on the channel of
-- each queue that got a push a waiter could care about (removes never announce).
local function applyQueueChanges(k, a)
  local now = tonumber(ARGV[a])
  local queues = tonumber(ARGV[a + 1])
  local first = a + 3 + 2 * queues
  local last = first + 5 * (tonumber(ARGV[a + 2]) - 1)
  local announce = {}
  for n = 1, queues do
    if ARGV[a + 2 + 2 * n] ~= '' then
      redis.call('SADD', KEYS[k], ARGV[a + 2 + 2 * n])
    end
    announce[n] = false
  end
  for i = first, last, 5 do
    local n = tonumber(ARGV[i + 1])
    local base = k + 3 * n - 2
    if ARGV[i] == 'push' then
      announce[n] = pushMessage(KEYS[base], KEYS[base + 1], KEYS[base + 2], now, ARGV[i + 2],
        tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4]), announce[n])
    else
      removeMessage(KEYS[base], KEYS[base + 1], KEYS[base + 2], ARGV[i + 2])
    end
  end
  for n = 1, queues do
    if announce[n] then
      redis.call('PUBLISH', ARGV[a + 1 + 2 * n], '1')
    end
  end
end
