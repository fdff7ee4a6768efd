--[[
  ackIndexed: removes workflows from the pending-index set once the indexer has stored the given
  revision in Postgres, unless a newer revision was announced meanwhile.

  KEYS[1] pending set {ix:<shard>}:pending (workflowId -> newest revision to index)

  ARGV[1..] pairs: workflowId, revision stored in the search index

  Returns the number of entries removed.

  Atomic because each compare-and-remove runs inside the script: a save that announces a higher
  revision (ZADD GT) before or after the check keeps its entry, so no change is ever skipped.
]]
local removed = 0
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) <= tonumber(ARGV[i + 1]) then
    redis.call('ZREM', KEYS[1], ARGV[i])
    removed = removed + 1
  end
end
return removed
