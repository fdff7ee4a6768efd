--[[
  The writes of other slots that createExecution-3+ and saveExecution-3+ take as optional KEYS on
  standalone Redis (a cluster passes none: the caller writes them before the script). Included
  with `--#include side-keys`.

  KEYS[first]      pending-index set {ix:<n>}:pending (workflowId -> newest revision to index)
  KEYS[first+1..]  task index keys {t:<taskId>}:wf (taskId -> workflowId)
]]

-- Announces `revision` of `workflowId` in the pending-index set (ZADD GT never lowers an
-- announcement) and points the task index keys at `workflowId`; a no-op when KEYS ends before
-- `first`.
local function writeSideKeys(first, revision, workflowId)
  if #KEYS < first then
    return
  end
  redis.call('ZADD', KEYS[first], 'GT', revision, workflowId)
  for i = first + 1, #KEYS do
    redis.call('SET', KEYS[i], workflowId)
  end
end
