--[[
  removeMessage: acknowledges messages by deleting them from the queue, wherever they are (due,
  delayed or leased). A no-op for absent ones.

  KEYS[1] delayed set  {q:<name>}:delayed
  KEYS[2] ready set    {q:<name>}:ready
  KEYS[3] priorities   {q:<name>}:prio

  ARGV[1..n] ids

  Returns how many of them were in the queue.

  Atomic because the three deletes run in one script on one slot (shared hash tag {q:<name>}).
]]
redis.call('ZREM', KEYS[1], unpack(ARGV))
redis.call('ZREM', KEYS[2], unpack(ARGV))
return redis.call('HDEL', KEYS[3], unpack(ARGV))
