--[[
  getExecution: reads an execution, its revision and its tasks as one consistent snapshot.

  KEYS[1] execution hash {wf:<id>}:workflow
  KEYS[2] task hash      {wf:<id>}:tasks
  KEYS[3] task order     {wf:<id>}:order    (taskId -> insertion number; ties on seq keep it)

  ARGV[1] (optional) the revision the caller already holds.

  Returns false when the execution does not exist; the revision (an integer) when it equals
  ARGV[1], so the caller's copy is current and nothing else is sent; otherwise
  { workflow JSON, revision, { taskId, taskJson, ... }, { taskId, order, ... }, definition hash }.
  The definition itself is not returned: readers cache definitions by hash and read the
  `definition` field only for a hash they have not seen (false for rows without one, whose
  workflow JSON still holds the definition).

  Atomic because the reads run inside one script in one slot, so no save can land between
  them (the revision always matches the tasks returned).
]]
local fields = redis.call('HMGET', KEYS[1], 'workflow', 'revision', 'defHash')
if not fields[1] then
  return false
end
if ARGV[1] and fields[2] == ARGV[1] then
  return tonumber(fields[2])
end
return { fields[1], fields[2], redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3]),
  fields[3] }
