--[[
  removeExecution: deletes an execution and its tasks, optionally only at a given revision
  (archiving must not delete a workflow that changed after it was copied to the archive), and
  optionally leaves a tombstone telling the search indexer that the execution was removed (so an
  indexer that read it just before cannot bring its search copy back).

  KEYS[1] execution hash {wf:<id>}:workflow
  KEYS[2] task hash      {wf:<id>}:tasks
  KEYS[3] task order     {wf:<id>}:order    (taskId -> insertion number; ties on seq keep it)
  KEYS[4] tombstone      {wf:<id>}:removed  (string, expires)

  ARGV[1] required revision, or '' to delete whatever is stored
  ARGV[2] tombstone lifetime in ms, or '' for no tombstone

  Returns { 1, taskId1, taskId2, ... } when deleted (the caller then drops the per-task index
  and log keys, which live in other slots).
  Status codes: { -1 } the execution does not exist; { -2 } the revision differs.

  Atomic because the check and the deletes run in one script on one slot.
]]
local current = redis.call('HGET', KEYS[1], 'revision')
if not current then
  return { -1 }
end
if ARGV[1] ~= '' and tonumber(current) ~= tonumber(ARGV[1]) then
  return { -2 }
end
local result = { 1 }
local ids = redis.call('HKEYS', KEYS[2])
for i = 1, #ids do
  result[#result + 1] = ids[i]
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
end
return result
