import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../scripts/config.ts';
import { peerProfilingEnv } from '../scripts/peer-profile.ts';
import { findMember, planTopology } from '../scripts/topology.ts';

describe('peer profiling', () => {
  const saved = process.env.SCF_PEER_PROFILE;
  afterEach(() => {
    if (saved === undefined) delete process.env.SCF_PEER_PROFILE;
    else process.env.SCF_PEER_PROFILE = saved;
  });
  const supplier = findMember(planTopology(loadConfig(undefined, { basePort: 7000 })), 'supplier');

  it('stays off unless a benchmark asks for it', () => {
    delete process.env.SCF_PEER_PROFILE;
    expect(peerProfilingEnv(supplier.peer)).toEqual({});
    process.env.SCF_PEER_PROFILE = 'yes';
    expect(peerProfilingEnv(supplier.peer)).toEqual({});
  });

  it('listens on the last port of the org block, on the peer’s listen host', () => {
    process.env.SCF_PEER_PROFILE = '1';
    expect(peerProfilingEnv(supplier.peer)).toEqual({
      CORE_PEER_PROFILE_ENABLED: 'true',
      CORE_PEER_PROFILE_LISTENADDRESS: '127.0.0.1:7019',
    });
  });
});
