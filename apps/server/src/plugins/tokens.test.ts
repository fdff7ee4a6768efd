import { describe, expect, it } from 'vitest';
import { createTokenIssuer } from './tokens.js';

const KEYS = [
  { key: 'app-1', keySecret: 'secret-one-123', role: 'worker' as const },
  { key: 'plain', role: 'admin' as const },
];
const T0 = 1_800_000_000_000;

describe('access tokens', () => {
  it('issues a token for a known pair only, carrying its role', () => {
    const tokens = createTokenIssuer(KEYS);
    expect(tokens.enabled).toBe(true);
    expect(tokens.issue('app-1', 'wrong-secret', 60_000, T0)).toBeUndefined();
    expect(tokens.issue('nobody', 'secret-one-123', 60_000, T0)).toBeUndefined();
    // A plain key is not an access key.
    expect(tokens.issue('plain', '', 60_000, T0)).toBeUndefined();
    const token = tokens.issue('app-1', 'secret-one-123', 60_000, T0)!;
    expect(token.split('.')).toHaveLength(3);
    expect(tokens.verify(token, T0 + 59_000)).toEqual({ role: 'worker', keyId: 'app-1' });
  });

  it('refuses an expired token as EXPIRED_TOKEN', () => {
    const tokens = createTokenIssuer(KEYS);
    const token = tokens.issue('app-1', 'secret-one-123', 60_000, T0)!;
    expect(tokens.verify(token, T0 + 60_000)).toEqual({ problem: 'EXPIRED_TOKEN' });
  });

  it('refuses tampered, foreign and malformed tokens as INVALID_TOKEN', () => {
    const tokens = createTokenIssuer(KEYS);
    const token = tokens.issue('app-1', 'secret-one-123', 60_000, T0)!;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    for (const bad of [
      `${h}.${forged}.${s}`,
      `${h}.${p}.${s!.slice(0, -2)}`,
      `${h}.${p}`,
      'a.b.c',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`,
    ]) {
      expect(tokens.verify(bad, T0)).toEqual({ problem: 'INVALID_TOKEN' });
    }
    // Another key set (another secret) signs differently: its tokens are not ours.
    const other = createTokenIssuer([
      { key: 'app-1', keySecret: 'another-secret', role: 'worker' },
    ]);
    const theirs = other.issue('app-1', 'another-secret', 60_000, T0)!;
    expect(tokens.verify(theirs, T0)).toEqual({ problem: 'INVALID_TOKEN' });
  });

  it('accepts tokens across servers with the same keys and revokes them when a role changes', () => {
    const a = createTokenIssuer(KEYS);
    const b = createTokenIssuer([...KEYS].reverse());
    const token = a.issue('app-1', 'secret-one-123', 60_000, T0)!;
    expect(b.verify(token, T0)).toEqual({ role: 'worker', keyId: 'app-1' });
    const changed = createTokenIssuer([
      { key: 'app-1', keySecret: 'secret-one-123', role: 'admin' },
    ]);
    expect(changed.verify(token, T0)).toEqual({ problem: 'INVALID_TOKEN' });
  });

  it('is disabled without access keys', () => {
    expect(createTokenIssuer([{ key: 'plain', role: 'admin' }]).enabled).toBe(false);
  });
});
