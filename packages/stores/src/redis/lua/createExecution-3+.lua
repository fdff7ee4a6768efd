--[[
  createExecution: stores a new execution and its tasks at a first revision (1 for a new
  execution; the archived revision when an archived execution is brought back to Redis).

  KEYS[1] execution hash {wf:<id>}:workflow (fields workflow, revision, status, updateTime,
                                              definition, defHash)
  KEYS[2] task hash      {wf:<id>}:tasks    (taskId -> task JSON)
  KEYS[3] task order     {wf:<id>}:order    (taskId -> insertion number; ties on seq keep it)
  KEYS[4] optional, standalone Redis only: pending-index set {ix:<n>}:pending
  KEYS[5..] optional, standalone Redis only: task index keys {t:<taskId>}:wf to set

  ARGV[1] workflow JSON (without tasks)
  ARGV[2] workflow status
  ARGV[3] update time (epoch ms, from the caller's Clock)
  ARGV[4] revision to store
  ARGV[5] definition hash (content hash of ARGV[6])
  ARGV[6] definition JSON (stored once here, not in the workflow JSON written by every save)
  ARGV[7] workflow id (the value of the index keys and the member of the pending-index set)
  ARGV[8..] pairs: taskId, task JSON

  Returns 1 when created.
  Status codes: -3 the execution already exists (WORKFLOW_ALREADY_EXISTS).

  Atomic because Redis runs a script without interleaving other commands. On a cluster only
  KEYS[1..3] are passed; they share the hash tag {wf:<id>}, so they live in one slot, and the
  caller writes the index and the announcement before. On standalone Redis they come with the
  script, so the four writes cost one call.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return -3
end
if #KEYS >= 4 then
  redis.call('ZADD', KEYS[4], 'GT', ARGV[4], ARGV[7])
  for i = 5, #KEYS do
    redis.call('SET', KEYS[i], ARGV[7])
  end
end
redis.call('HSET', KEYS[1], 'workflow', ARGV[1], 'revision', ARGV[4], 'status', ARGV[2],
  'updateTime', ARGV[3], 'defHash', ARGV[5], 'definition', ARGV[6])
local order = 0
for i = 8, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  if redis.call('HSETNX', KEYS[3], ARGV[i], order) == 1 then
    order = order + 1
  end
end
redis.call('HSET', KEYS[1], 'taskCounter', order)
return 1
