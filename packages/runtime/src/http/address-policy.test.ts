import { describe, expect, it } from 'vitest';
import { AddressPolicy, embeddedIPv4 } from './address-policy.js';

const policy = new AddressPolicy();

describe('the address policy', () => {
  it.each([
    ['198.18.0.1', 'reserved'],
    ['198.19.255.254', 'reserved'],
    ['192.0.0.170', 'reserved'],
    ['2002:7f00:1::', '6to4 form of loopback'],
    ['2002:a9fe:a9fe::1', '6to4 form of link-local (includes cloud metadata)'],
    ['2002:c0a8:101::', '6to4 form of private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['64:ff9b::7f00:1', 'NAT64 form of loopback'],
    ['64:ff9b::169.254.169.254', 'NAT64 form of link-local (includes cloud metadata)'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['::ffff:0:a9fe:a9fe', 'IPv4-translated form of link-local (includes cloud metadata)'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::7f00:1', 'IPv4-compatible IPv6'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(policy.refusalReason(address)).toBe(reason);
  });

  it.each(['93.184.215.14', '2606:4700::6810:84e5', '64:ff9b::5db8:d70e', '2002:5db8:d70e::1'])(
    'lets public %s through, also in an IPv6 form that carries a public IPv4 address',
    (address) => {
      expect(policy.refusalReason(address)).toBeNull();
    },
  );

  it('reads the IPv4 address that 6to4 and NAT64 carry', () => {
    expect(embeddedIPv4('2002:c0a8:0101::1')).toEqual({ via: '6to4', ipv4: '192.168.1.1' });
    expect(embeddedIPv4('64:ff9b::10.1.2.3')).toEqual({ via: 'NAT64', ipv4: '10.1.2.3' });
    expect(embeddedIPv4('2606:4700::1')).toBeNull();
    expect(embeddedIPv4('10.0.0.1')).toBeNull();
  });

  it('allows an embedded address that is allow-listed', () => {
    expect(new AddressPolicy(['192.168.1.0/24']).refusalReason('2002:c0a8:101::')).toBeNull();
  });
});
