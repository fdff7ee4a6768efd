import { describe, expect, it } from 'vitest';
import { soakRate } from './baton-phase.js';

describe('soakRate', () => {
  it('soaks below the held rate, where the backlog stays bounded', () => {
    expect(soakRate(136, 25)).toBe(116);
    expect(soakRate(1, 25)).toBe(1);
  });

  it('falls back to the first step when no rate held', () => {
    expect(soakRate(null, 25)).toBe(25);
  });
});
