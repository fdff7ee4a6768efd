--[[
  The change log of an execution: the `changes` field of its hash, newline-separated entries of
  its newest saves, oldest first, so that a reader holding the snapshot of an older revision can
  fetch only the tasks changed since (getExecution-3) instead of the whole execution. An entry is
  `<revision>` followed by the ids the save upserted and, prefixed by `-`, the ids it deleted, all
  separated by spaces; or `<revision> *` when the save touched too many tasks to list (the reader
  then reads the whole execution). Included with `--#include change-log`.
]]

-- How many saves the log keeps, and the most task ids one entry lists.
local CHANGE_LOG_SAVES = 8
local CHANGE_LOG_IDS = 16

-- Appends the entry of the save at `revision` to the log in `hashKey` (dropping the oldest):
-- ARGV[delFirst .. delLast] are the ids the save deleted, and every second ARGV from `upFirst` to
-- the end the ids it upserted (the id of each id/JSON pair).
local function appendChangeLog(hashKey, revision, delFirst, delLast, upFirst)
  local entry = { tostring(revision) }
  if (delLast - delFirst + 1) + (#ARGV - upFirst + 1) / 2 > CHANGE_LOG_IDS then
    entry[2] = '*'
  else
    for i = delFirst, delLast do
      entry[#entry + 1] = '-' .. ARGV[i]
    end
    for i = upFirst, #ARGV, 2 do
      entry[#entry + 1] = ARGV[i]
    end
  end
  local kept = {}
  local log = redis.call('HGET', hashKey, 'changes')
  if log then
    for line in string.gmatch(log, '[^\n]+') do
      kept[#kept + 1] = line
    end
  end
  local lines = {}
  for i = math.max(1, #kept - CHANGE_LOG_SAVES + 2), #kept do
    lines[#lines + 1] = kept[i]
  end
  lines[#lines + 1] = table.concat(entry, ' ')
  redis.call('HSET', hashKey, 'changes', table.concat(lines, '\n'))
end

-- The tasks changed after revision `known` up to `current` according to the log in `hashKey`:
-- the ids upserted (in the order first seen) and the ids deleted since, or nil when the log does
-- not list every one of those saves.
local function changesSince(hashKey, known, current)
  local log = redis.call('HGET', hashKey, 'changes')
  if not log then
    return nil
  end
  local expected = known + 1
  local upserted, listed, upsertOrder, deleted, deleteOrder = {}, {}, {}, {}, {}
  for line in string.gmatch(log, '[^\n]+') do
    local revision = tonumber(string.match(line, '^%d+'))
    if revision and revision > known then
      if revision ~= expected or string.find(line, ' %*') then
        return nil
      end
      for id in string.gmatch(line, ' (%S+)') do
        if string.sub(id, 1, 1) == '-' then
          id = string.sub(id, 2)
          upserted[id] = nil
          if not deleted[id] then
            deleted[id] = true
            deleteOrder[#deleteOrder + 1] = id
          end
        else
          if not listed[id] then
            listed[id] = true
            upsertOrder[#upsertOrder + 1] = id
          end
          upserted[id] = true
        end
      end
      expected = expected + 1
    end
  end
  if expected ~= current + 1 then
    return nil
  end
  local ids = {}
  for _, id in ipairs(upsertOrder) do
    if upserted[id] then
      ids[#ids + 1] = id
    end
  end
  return ids, deleteOrder
end
