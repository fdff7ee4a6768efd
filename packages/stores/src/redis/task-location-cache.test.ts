import { describe, expect, it } from 'vitest';
import { TaskLocationCache } from './task-location-cache.js';

describe('TaskLocationCache', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new TaskLocationCache(2);
    cache.set('a', 'w1');
    cache.set('b', 'w1');
    expect(cache.get('a')).toBe('w1');
    cache.set('c', 'w2');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('w1');
    expect(cache.get('c')).toBe('w2');
  });

  it('drops deleted entries', () => {
    const cache = new TaskLocationCache();
    cache.set('a', 'w1');
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
