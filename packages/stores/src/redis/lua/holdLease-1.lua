--[[
  holdLease: takes or keeps a lease, so that one process at a time does a piece of background
  work (a search-index shard's background passes) and another takes it over when the holder stops
  renewing it (it died or shut down).

  KEYS[1] lease key (a string holding the holder's id)

  ARGV[1] the caller's id
  ARGV[2] lease time (ms)

  Returns 1 when the caller holds the lease for ARGV[2] ms from now (taken free, or renewed);
  0 when another holder has it.

  Atomic because the check of the holder and the renewal run in one script: a lease that expires
  and is taken between them cannot be extended by its former holder.
]]
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
