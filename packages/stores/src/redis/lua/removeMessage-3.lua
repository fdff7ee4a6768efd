--[[
  removeMessage: acknowledges a message by deleting it from the queue, wherever it is (due,
  delayed or leased). A no-op when absent.

  KEYS[1] delayed set  {q:<name>}:delayed
  KEYS[2] ready set    {q:<name>}:ready
  KEYS[3] priorities   {q:<name>}:prio

  ARGV[1] id

  Returns 1 when the message was in the queue, 0 otherwise.

  Atomic because the three deletes run in one script on one slot (shared hash tag {q:<name>}).
]]
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[3], ARGV[1])
