import { describe, expect, it } from 'vitest';
import {
  clashingListeners,
  endpoint,
  isHost,
  isListenHost,
  localAddress,
  type Listener,
} from '../scripts/hosts.ts';

describe('hosts', () => {
  it.each(['127.0.0.1', '10.20.0.5', 'localhost', 'peer0.banka.example.com', 'a-b.c1', 'ip6.example'])(
    'takes %s as a host others can dial',
    (host) => {
      expect(isHost(host)).toBe(true);
    },
  );

  // No IPv6 literal: Fabric's gossip and orderer cannot use one (an IPv6 host needs a DNS name).
  it.each(['', '0.0.0.0', '::1', 'fd00::5', '256.1.1.1', '10.0.0', 'peer_0', '-peer.example', 'a b', 7])(
    'refuses %s as a host others can dial',
    (host) => {
      expect(isHost(host)).toBe(false);
    },
  );

  it('lets processes bind the wildcard, which the node’s own tools reach on loopback', () => {
    expect(isListenHost('0.0.0.0')).toBe(true);
    expect(isListenHost('::')).toBe(false);
    expect(isListenHost('bad host')).toBe(false);
    expect(localAddress('0.0.0.0')).toBe('127.0.0.1');
    expect(localAddress('10.20.0.5')).toBe('10.20.0.5');
    expect(endpoint('peer.example', 7051)).toBe('peer.example:7051');
  });

  it('finds listeners on the same port of the same address, or of a wildcard', () => {
    const at = (node: string, host: string, port: number): Listener => ({ node, host, port });
    expect(clashingListeners([at('a', '10.0.0.1', 7000), at('b', '10.0.0.2', 7000)])).toEqual([]);
    expect(clashingListeners([at('a', '10.0.0.1', 7000), at('b', '10.0.0.1', 7001)])).toEqual([]);
    expect(clashingListeners([at('a', '10.0.0.1', 7000), at('b', '10.0.0.1', 7000)])).toHaveLength(1);
    expect(clashingListeners([at('a', '0.0.0.0', 7000), at('b', '10.0.0.1', 7000)])).toHaveLength(1);
  });
});
