--[[
  createExecution: stores a new execution and its tasks at a first revision (1 for a new
  execution; the archived revision when an archived execution is brought back to Redis), and
  applies the queue changes that come with it.

  KEYS[1] execution hash {wf:<id>}:workflow (fields workflow, revision, status, updateTime,
                                              definition, defHash)
  KEYS[2] task hash      {wf:<id>}:tasks    (taskId -> task JSON)
  KEYS[3] task order     {wf:<id>}:order    (taskId -> insertion number; ties on seq keep it)
  Optional, standalone Redis only (a cluster passes exactly KEYS[1..3]):
  KEYS[4 .. 3+k] queue keys of the queue changes, k = 0 or 1 + 3q (see lib/queue.lua): the
                 queue-names set, then per queue its delayed, ready and priorities keys
  KEYS[4+k]      pending-index set {ix:<n>}:pending
  KEYS[5+k ..]   task index keys {t:<taskId>}:wf to set

  ARGV[1] workflow JSON (without tasks)
  ARGV[2] workflow status
  ARGV[3] update time (epoch ms, from the caller's Clock)
  ARGV[4] revision to store
  ARGV[5] definition hash (content hash of ARGV[6])
  ARGV[6] definition JSON (stored once here, not in the workflow JSON written by every save)
  ARGV[7] workflow id (the value of the index keys and the member of the pending-index set)
  ARGV[8 .. 7+s] queue-change section, s = 3 + 2q + 5c (see lib/queue.lua): ARGV[8] the queue's
                 now, ARGV[9] number of queues q, ARGV[10] number of changes c (0 and 0 for none)
  ARGV[8+s ..] pairs: taskId, task JSON

  Returns 1 when created.
  Status codes: -3 the execution already exists (WORKFLOW_ALREADY_EXISTS); nothing was written.

  Atomic because Redis runs a script without interleaving other commands. On a cluster only
  KEYS[1..3] are passed; they share the hash tag {wf:<id>}, so they live in one slot, and the
  caller writes the index and the announcement before (and applies no queue change here). On
  standalone Redis they come with the script, after the existence check, so the execution, its
  index, its announcement and its queue changes are written together or not at all, in one call.
]]
--#include queue
--#include side-keys
if redis.call('EXISTS', KEYS[1]) == 1 then
  return -3
end
local queueKeys, queueArgs = queueChangeSpan(8)
writeSideKeys(4 + queueKeys, ARGV[4], ARGV[7])
redis.call('HSET', KEYS[1], 'workflow', ARGV[1], 'revision', ARGV[4], 'status', ARGV[2],
  'updateTime', ARGV[3], 'defHash', ARGV[5], 'definition', ARGV[6])
local order = 0
for i = 8 + queueArgs, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  if redis.call('HSETNX', KEYS[3], ARGV[i], order) == 1 then
    order = order + 1
  end
end
redis.call('HSET', KEYS[1], 'taskCounter', order)
applyQueueChanges(4, 8)
return 1
