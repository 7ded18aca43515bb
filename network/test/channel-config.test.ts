import { describe, expect, it } from 'vitest';
import { channelProfile, PROFILE, snapshotIntervalSize } from '../scripts/channel-config.ts';
import { loadConfig, validateConfig, type ConsortiumConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { StatePaths } from '../scripts/paths.ts';
import { planTopology } from '../scripts/topology.ts';

function context(orderers: number, batch?: ConsortiumConfig['batch']): NetworkContext {
  const topology = planTopology({ ...loadConfig(undefined, { basePort: 9000, orderers }), batch });
  return {
    topology,
    paths: new StatePaths('/state'),
    tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
    log: () => undefined,
  };
}

interface Profile {
  Orderer: {
    EtcdRaft: { Consenters: { Host: string; Port: number }[]; Options: { SnapshotIntervalSize: string } };
    BatchTimeout: string;
    BatchSize: { MaxMessageCount: number; PreferredMaxBytes: string };
    Organizations: { OrdererEndpoints: string[] }[];
  };
  Application: {
    Organizations: {
      Name: string;
      MSPDir: string;
      AnchorPeers: { Port: number }[];
      Policies: Record<string, { Rule: string }>;
    }[];
  };
}

describe('channel profile', () => {
  it('puts every member org with its anchor peer and the Raft consenters into the channel', () => {
    const ctx = context(3);
    const profile = (channelProfile(ctx, ctx.topology) as { Profiles: Record<string, Profile> }).Profiles[
      PROFILE
    ];
    expect(profile?.Application.Organizations.map((org) => org.Name)).toEqual([
      'CoreFirmMSP',
      'SupplierMSP',
      'BankAMSP',
      'BankBMSP',
      'LogisticsMSP',
    ]);
    expect(profile?.Application.Organizations[1]?.AnchorPeers).toEqual([{ Host: '127.0.0.1', Port: 9012 }]);
    expect(profile?.Application.Organizations[1]?.MSPDir).toBe('/state/orgs/supplier/msp');
    expect(profile?.Orderer.EtcdRaft.Consenters.map((node) => node.Port)).toEqual([9052, 9055, 9058]);
    expect(profile?.Orderer.Organizations[0]?.OrdererEndpoints).toHaveLength(3);
  });

  it('lets only a peer endorse for its org, and only admins administer it', () => {
    const ctx = context(1);
    const profile = (channelProfile(ctx, ctx.topology) as { Profiles: Record<string, Profile> }).Profiles[
      PROFILE
    ];
    const policies = profile?.Application.Organizations[0]?.Policies;
    expect(policies?.Endorsement?.Rule).toBe("OR('CoreFirmMSP.peer')");
    expect(policies?.Admins?.Rule).toBe("OR('CoreFirmMSP.admin')");
    expect(profile?.Orderer.EtcdRaft.Consenters).toHaveLength(1);
  });

  it('snapshots the Raft log every half batch, so that an orderer replays it in one step at start', () => {
    const profile = (channelProfile(context(3), context(3).topology) as { Profiles: Record<string, Profile> })
      .Profiles[PROFILE];
    expect(profile?.Orderer.BatchSize.PreferredMaxBytes).toBe('2 MB');
    expect(profile?.Orderer.EtcdRaft.Options.SnapshotIntervalSize).toBe('1024 KB');
    expect(snapshotIntervalSize('512 KB')).toBe('256 KB');
    expect(() => snapshotIntervalSize('2 GB')).toThrow(/not in KB or MB/);
  });

  it('takes batching from the config, defaults for what it leaves out', () => {
    const ctx = context(1, { maxMessageCount: 1 });
    const profile = (channelProfile(ctx, ctx.topology) as { Profiles: Record<string, Profile> }).Profiles[
      PROFILE
    ];
    expect(profile?.Orderer.BatchSize.MaxMessageCount).toBe(1);
    expect(profile?.Orderer.BatchTimeout).toBe('250ms');
  });

  it('refuses batching Fabric would not understand', () => {
    const config = loadConfig();
    expect(() => validateConfig({ ...config, batch: { timeout: 'soon' } })).toThrow(/batch.timeout/);
    expect(() => validateConfig({ ...config, batch: { maxMessageCount: 0 } })).toThrow(/maxMessageCount/);
    expect(() => validateConfig({ ...config, batch: { preferredMaxBytes: '2 GB' } })).toThrow(
      /preferredMaxBytes/,
    );
    expect(validateConfig({ ...config, batch: { maxMessageCount: 1 } }).batch).toEqual({
      maxMessageCount: 1,
    });
  });
});
