--[[
  getExecution: reads an execution, its revision and its tasks as one consistent snapshot.

  KEYS[1] execution hash {wf:<id>}:workflow
  KEYS[2] task hash      {wf:<id>}:tasks
  KEYS[3] task order     {wf:<id>}:order    (taskId -> insertion number; ties on seq keep it)

  ARGV[1] (optional) the revision the caller already holds.

  Returns false when the execution does not exist; the revision (an integer) when it equals
  ARGV[1], so the caller's copy is current and nothing else is sent; when the caller's revision is
  older and the change log (lib/change-log.lua) lists every save since, only what changed:
  { workflow JSON, revision, { taskId, taskJson, ... } of the tasks upserted since,
    { taskId, order, ... } of those, definition hash, { taskId, ... } deleted since }
  (six elements; the caller applies them to its copy); otherwise the whole execution:
  { workflow JSON, revision, { taskId, taskJson, ... }, { taskId, order, ... }, definition hash }.
  The definition itself is not returned: readers cache definitions by hash and read the
  `definition` field only for a hash they have not seen (false for rows without one, whose
  workflow JSON still holds the definition).

  Atomic because the reads run inside one script in one slot, so no save can land between
  them (the revision always matches the tasks returned).
]]
--#include change-log
local fields = redis.call('HMGET', KEYS[1], 'workflow', 'revision', 'defHash')
if not fields[1] then
  return false
end
if ARGV[1] and fields[2] == ARGV[1] then
  return tonumber(fields[2])
end
local known, current = tonumber(ARGV[1] or ''), tonumber(fields[2])
if known and current and known < current then
  local ids, deleted = changesSince(KEYS[1], known, current)
  if ids then
    local tasks, order, complete = {}, {}, true
    if #ids > 0 then
      local jsons = redis.call('HMGET', KEYS[2], unpack(ids))
      local orders = redis.call('HMGET', KEYS[3], unpack(ids))
      for i, id in ipairs(ids) do
        if not jsons[i] or not orders[i] then
          complete = false
          break
        end
        tasks[#tasks + 1] = id
        tasks[#tasks + 1] = jsons[i]
        order[#order + 1] = id
        order[#order + 1] = orders[i]
      end
    end
    if complete then
      return { fields[1], fields[2], tasks, order, fields[3], deleted }
    end
  end
end
return { fields[1], fields[2], redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3]),
  fields[3] }
