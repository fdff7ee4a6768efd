import { describe, expect, it } from 'vitest';
import { affinitySlot, idNear, ownerOf, withAffinitySlot } from './affinity.js';

describe('affinity slots', () => {
  it('reads the last two hex digits of an id, in either case', () => {
    expect(affinitySlot('8f2c1d3e-0000-4000-8000-0000000000a7')).toBe(0xa7);
    expect(affinitySlot('x-FF')).toBe(255);
    expect(affinitySlot('00')).toBe(0);
  });

  it("gives a sub-workflow (`<taskId>-<retry>`) its SUB_WORKFLOW task's slot", () => {
    const task = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4b3e';
    expect(affinitySlot(`${task}-0`)).toBe(0x3e);
    expect(affinitySlot(`${task}-1234`)).toBe(0x3e);
    expect(idNear('aaaa-0000-ffff', `${task}-2`)).toBe('aaaa-0000-ff3e');
    // A UUID's last group (12 digits) is not a retry number.
    expect(affinitySlot('6ec0bd7f-11c0-43da-975e-123456789012')).toBe(0x12);
    expect(withAffinitySlot(`${task}-7`, 1)).toBe('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4b01-7');
  });

  it('has no slot for ids that do not end in two hex digits', () => {
    expect(affinitySlot('')).toBeUndefined();
    expect(affinitySlot('a')).toBeUndefined();
    expect(affinitySlot('order-1g')).toBeUndefined();
    expect(affinitySlot('id-7')).toBeUndefined();
    expect(affinitySlot('-7')).toBeUndefined();
    expect(ownerOf('id-7', 2)).toBeUndefined();
  });

  it('gives a new id the slot of its workflow, keeping the rest of the id', () => {
    const fresh = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4b3e';
    const workflow = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
    const near = idNear(fresh, workflow);
    expect(near).toBe('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4b0b');
    expect(affinitySlot(near)).toBe(affinitySlot(workflow));
    expect(idNear(fresh, 'custom-id')).toBe(fresh);
    expect(withAffinitySlot('no-slot-z', 3)).toBe('no-slot-z');
    expect(withAffinitySlot('abc00', 256 + 5)).toBe('abc05');
  });

  it('deals slots round-robin to the processes of a group', () => {
    const owners = new Map<number, number>();
    for (let slot = 0; slot < 256; slot += 1) {
      const owner = ownerOf(`x${slot.toString(16).padStart(2, '0')}`, 3) ?? -1;
      owners.set(owner, (owners.get(owner) ?? 0) + 1);
    }
    expect([...owners.entries()].sort()).toEqual([
      [0, 86],
      [1, 85],
      [2, 85],
    ]);
    // One process: nothing to route.
    expect(ownerOf('abcdef', 1)).toBeUndefined();
  });
});
