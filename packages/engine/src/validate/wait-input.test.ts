import { describe, expect, it } from 'vitest';
import { isWaitUntilFormat, parseWaitDuration, parseWaitUntil } from './wait-input.js';

describe('parseWaitDuration', () => {
  it.each<[string, number | null]>([
    ['30s', 30],
    ['5m', 300],
    ['1h 30m', 5400],
    ['2 days', 172_800],
    ['1d2h3m4s', 93_784],
    ['10 mins 5 secs', 605],
    ['3 HOURS', 10_800],
    ['', null],
    ['soon', null],
    ['5 weeks', null],
    ['30s 1h', null],
  ])('%j → %s', (text, seconds) => {
    expect(parseWaitDuration(text)).toBe(seconds);
  });
});

describe('parseWaitUntil', () => {
  it.each<[string, number | null]>([
    ['2030-01-02', Date.UTC(2030, 0, 2)],
    ['2030-01-02 10:30', Date.UTC(2030, 0, 2, 10, 30)],
    ['2030-01-02 10:30 UTC', Date.UTC(2030, 0, 2, 10, 30)],
    ['2030-01-02 10:30 +02:00', Date.UTC(2030, 0, 2, 8, 30)],
    ['2030-01-02 10:30 -0130', Date.UTC(2030, 0, 2, 12, 0)],
    ['2030-02-30', null],
    ['2030-01-02 24:00', null],
    ['2030-01-02T10:30', null],
    ['tomorrow', null],
  ])('%j → %s', (text, epoch) => {
    expect(parseWaitUntil(text)).toBe(epoch);
  });

  it('accepts named zones as a valid layout even when it cannot convert them', () => {
    expect(isWaitUntilFormat('2030-01-02 10:30 PST')).toBe(true);
    expect(isWaitUntilFormat('2030-01-02 10:30 America/New_York')).toBe(true);
    expect(parseWaitUntil('2030-01-02 10:30 PST')).toBeNull();
    expect(isWaitUntilFormat('2030-13-02 10:30 PST')).toBe(false);
    expect(isWaitUntilFormat('next week')).toBe(false);
  });
});
