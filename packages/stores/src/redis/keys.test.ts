import { describe, expect, it } from 'vitest';
import { INDEX_SHARDS, RedisKeys } from './keys.js';

/** The hash tag Redis Cluster hashes: the text inside the first `{...}`. */
function hashTag(key: string): string | undefined {
  return /\{([^}]*)\}/.exec(key)?.[1];
}

describe('RedisKeys', () => {
  const keys = new RedisKeys('p:');

  it('puts every key of one execution under the same hash tag', () => {
    const { workflow, tasks, order } = keys.execution('wf-1');
    expect(new Set([workflow, tasks, order].map(hashTag))).toEqual(new Set(['wf:wf-1']));
  });

  it('puts every key of one queue under the same hash tag, even for domain:type names', () => {
    const { delayed, ready, priorities } = keys.queue('dom:task_a');
    expect(new Set([delayed, ready, priorities].map(hashTag))).toEqual(new Set(['q:dom:task_a']));
  });

  it('keeps a task index entry and its logs in one slot', () => {
    expect(hashTag(keys.taskIndex('t1'))).toBe(hashTag(keys.taskLogs('t1')));
  });

  it('spreads workflow ids over every index shard, deterministically', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => keys.shardOf(`wf-${i}`)));
    expect(shards.size).toBe(INDEX_SHARDS);
    expect(keys.shardOf('wf-7')).toBe(new RedisKeys('other:').shardOf('wf-7'));
  });

  it('refuses a prefix with braces, which would change the hash tags', () => {
    expect(() => new RedisKeys('a{b}:')).toThrow(/braces/);
  });
});
