--[[
  saveExecution: applies one change of an execution if its revision still matches (optimistic
  concurrency): replaces the workflow JSON, upserts and deletes tasks, bumps the revision, and
  applies the queue changes that come with the change.

  KEYS[1] execution hash {wf:<id>}:workflow
  KEYS[2] task hash      {wf:<id>}:tasks
  KEYS[3] task order     {wf:<id>}:order    (taskId -> insertion number; ties on seq keep it)
  Optional, standalone Redis only (a cluster passes exactly KEYS[1..3]):
  KEYS[4 .. 3+k] queue keys of the queue changes, k = 0 or 1 + 3q (see lib/queue.lua): the
                 queue-names set, then per queue its delayed, ready and priorities keys
  KEYS[4+k]      pending-index set {ix:<n>}:pending
  KEYS[5+k ..]   task index keys {t:<taskId>}:wf to set

  ARGV[1] expected revision
  ARGV[2] workflow JSON (without tasks), or '' to keep the stored row (a change of tasks only)
  ARGV[3] workflow status
  ARGV[4] update time (epoch ms, from the caller's Clock)
  ARGV[5] definition hash
  ARGV[6] definition JSON, or '' when the caller's definition is the stored one (ARGV[5] names it)
  ARGV[7] workflow id (the value of the index keys and the member of the pending-index set)
  ARGV[8 .. 7+s] queue-change section, s = 3 + 2q + 5c (see lib/queue.lua): ARGV[8] the queue's
                 now, ARGV[9] number of queues q, ARGV[10] number of changes c (0 and 0 for none)
  ARGV[8+s] number of deleted tasks, d
  ARGV[9+s .. 8+s+d] task ids to delete (applied before the upserts, as in every adapter)
  ARGV[9+s+d ..] pairs: taskId, task JSON to insert or replace

  Appends the save's task ids to the execution's change log (lib/change-log.lua), from which
  getExecution-3 answers a reader holding an older revision with only what changed since.

  Returns the new revision (expected + 1).
  Status codes: -1 the execution does not exist (WORKFLOW_NOT_FOUND);
                -2 the stored revision differs (STORE_CONFLICT);
                -4 ARGV[6] is '' but the stored definition hash is not ARGV[5] (the caller sends
                   the definition and saves again);
                nothing was written for any of them.

  Atomic because the revision check and every write run in one script; of several concurrent
  saves at one revision exactly one wins. On a cluster only KEYS[1..3] are passed (one slot: they
  share the hash tag {wf:<id>}), the caller writes the index and the announcement before, and
  no queue change comes here; on standalone Redis they are written here, after the checks, so a
  failed save writes nothing and a winning one writes its queue changes in the same call.
]]
--#include queue
--#include side-keys
--#include change-log
local current = redis.call('HGET', KEYS[1], 'revision')
if not current then
  return -1
end
if tonumber(current) ~= tonumber(ARGV[1]) then
  return -2
end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'defHash', ARGV[5], 'definition', ARGV[6])
elseif redis.call('HGET', KEYS[1], 'defHash') ~= ARGV[5] then
  return -4
end
local queueKeys, queueArgs = queueChangeSpan(8)
local revision = tonumber(current) + 1
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'workflow', ARGV[2], 'revision', revision, 'status', ARGV[3],
    'updateTime', ARGV[4])
else
  redis.call('HSET', KEYS[1], 'revision', revision)
end
writeSideKeys(4 + queueKeys, revision, ARGV[7])
local tasksAt = 8 + queueArgs
local deletes = tonumber(ARGV[tasksAt])
for i = tasksAt + 1, tasksAt + deletes do
  redis.call('HDEL', KEYS[2], ARGV[i])
  redis.call('HDEL', KEYS[3], ARGV[i])
end
local order = tonumber(redis.call('HGET', KEYS[1], 'taskCounter') or '0')
for i = tasksAt + 1 + deletes, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  if redis.call('HSETNX', KEYS[3], ARGV[i], order) == 1 then
    order = order + 1
  end
end
redis.call('HSET', KEYS[1], 'taskCounter', order)
appendChangeLog(KEYS[1], revision, tasksAt + 1, tasksAt + deletes, tasksAt + 1 + deletes)
applyQueueChanges(4, 8)
return revision
