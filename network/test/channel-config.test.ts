import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  channelProfile,
  channelSettings,
  PROFILE,
  snapshotIntervalSize,
  type FoundingOrgs,
} from '../scripts/channel-config.ts';
import { loadConfig, validateConfig, type ConsortiumConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { readFounding, writeChannelInputs } from '../scripts/genesis-block.ts';
import { DefinitionError, type MemberDefinition } from '../scripts/org-definition.ts';
import { foundingDefinitionFiles } from '../scripts/org-export.ts';
import { StatePaths } from '../scripts/paths.ts';
import { planned } from './support/planned.ts';
import { writeFakeOrgState } from './support/fake-state.ts';

function context(config: ConsortiumConfig): NetworkContext {
  return {
    ...planned(config),
    paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-channel-'))),
    tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
    log: () => undefined,
  };
}

/** The founding orgs' definitions as `up` exports them, from a state folder with real certificates. */
function founding(ctx: NetworkContext): FoundingOrgs {
  writeFakeOrgState(ctx);
  const files = foundingDefinitionFiles(ctx);
  if ('missing' in files) throw new Error(`definitions missing: ${files.missing.join(', ')}`);
  return readFounding(files);
}

interface Consenter {
  Host: string;
  Port: number;
  ClientTLSCert: string;
  ServerTLSCert: string;
}

interface Profile {
  Orderer: {
    EtcdRaft: { Consenters: Consenter[]; Options: { SnapshotIntervalSize: string; TickInterval: string } };
    BatchTimeout: string;
    BatchSize: { MaxMessageCount: number; PreferredMaxBytes: string };
    Organizations: {
      Name: string;
      MSPDir: string;
      OrdererEndpoints: string[];
      Policies: Record<string, { Type: string; Rule: string }>;
    }[];
    Policies: Record<string, { Type: string; Rule: string }>;
  };
  Application: {
    Organizations: {
      Name: string;
      MSPDir: string;
      AnchorPeers: { Host: string; Port: number }[];
      Policies: Record<string, { Rule: string }>;
    }[];
  };
}

function profileOf(orgs: FoundingOrgs, config: ConsortiumConfig): Profile {
  const document = channelProfile(orgs, channelSettings(config), '/chan') as {
    Profiles: Record<string, Profile>;
  };
  const profile = document.Profiles[PROFILE];
  if (!profile) throw new Error('no profile');
  return profile;
}

describe('channel profile from the founding orgs’ definitions', () => {
  let config: ConsortiumConfig;
  let orgs: FoundingOrgs;
  let ctx: NetworkContext;

  beforeAll(() => {
    config = loadConfig(undefined, { basePort: 9000, orderers: 3 });
    ctx = context(config);
    orgs = founding(ctx);
  });

  it('puts every member org with its anchor peer and MSP folder into the channel', () => {
    const profile = profileOf(orgs, config);
    expect(profile.Application.Organizations.map((org) => org.Name)).toEqual([
      'CoreFirmMSP',
      'SupplierMSP',
      'BankAMSP',
      'BankBMSP',
      'LogisticsMSP',
    ]);
    expect(profile.Application.Organizations[1]?.AnchorPeers).toEqual([{ Host: '127.0.0.1', Port: 9012 }]);
    expect(profile.Application.Organizations[1]?.MSPDir).toBe('/chan/orgs/supplier/msp');
  });

  it('takes the orderer endpoints and Raft consenters from the orderer org’s definition', () => {
    const profile = profileOf(orgs, config);
    const [ordering] = profile.Orderer.Organizations;
    expect(ordering?.Name).toBe('OrdererMSP');
    expect(ordering?.MSPDir).toBe('/chan/orgs/orderer/msp');
    expect(ordering?.OrdererEndpoints).toEqual(['127.0.0.1:9052', '127.0.0.1:9055', '127.0.0.1:9058']);
    expect(profile.Orderer.EtcdRaft.Consenters).toEqual(
      [9052, 9055, 9058].map((port, index) => {
        const cert = `/chan/orgs/orderer/consenters/orderer${index}.pem`;
        return { Host: '127.0.0.1', Port: port, ClientTLSCert: cert, ServerTLSCert: cert };
      }),
    );
  });

  it('leaves batch and consenters to a majority of the member admins, the orderer org to itself', () => {
    const profile = profileOf(orgs, config);
    expect(profile.Orderer.Policies.Admins).toEqual({
      Type: 'Signature',
      Rule: "OutOf(3, 'BankAMSP.admin', 'BankBMSP.admin', 'CoreFirmMSP.admin', 'LogisticsMSP.admin', 'SupplierMSP.admin')",
    });
    expect(profile.Orderer.Organizations[0]?.Policies.Admins).toEqual({
      Type: 'Signature',
      Rule: "OR('OrdererMSP.admin')",
    });
  });

  it('advertises each org’s own host, and each orderer’s', () => {
    const spread = structuredClone(config);
    (spread.members[2] as { host?: string }).host = 'peer.banka.example';
    spread.ordererOrg.hosts = ['10.30.0.1', '10.30.0.2', '10.30.0.3'];
    spread.listenHost = '0.0.0.0';
    const profile = profileOf(founding(context(validateConfig(spread))), spread);
    expect(profile.Application.Organizations[2]?.AnchorPeers).toEqual([
      { Host: 'peer.banka.example', Port: 9022 },
    ]);
    expect(profile.Application.Organizations[0]?.AnchorPeers).toEqual([{ Host: '127.0.0.1', Port: 9002 }]);
    expect(profile.Orderer.Organizations[0]?.OrdererEndpoints).toEqual([
      '10.30.0.1:9052',
      '10.30.0.2:9055',
      '10.30.0.3:9058',
    ]);
    expect(profile.Orderer.EtcdRaft.Consenters.map((node) => node.Host)).toEqual([
      '10.30.0.1',
      '10.30.0.2',
      '10.30.0.3',
    ]);
  });

  it('writes the MSP folders and consenter certificates from the definitions alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-channel-inputs-'));
    writeChannelInputs(orgs, dir);
    expect(readFileSync(join(dir, 'orgs', 'orderer', 'consenters', 'orderer1.pem'), 'utf8')).toBe(
      orgs.orderer.orderers[1]?.tlsCertPem,
    );
    expect(readFileSync(join(dir, 'orgs', 'banka', 'msp', 'cacerts', 'ca.pem'), 'utf8')).toBe(
      orgs.members[2]?.caCertPem,
    );
  });

  it('lets only a peer endorse for its org, and only admins administer it', () => {
    const policies = profileOf(orgs, config).Application.Organizations[0]?.Policies;
    expect(policies?.Endorsement?.Rule).toBe("OR('CoreFirmMSP.peer')");
    expect(policies?.Admins?.Rule).toBe("OR('CoreFirmMSP.admin')");
  });

  it('refuses a member definition in the orderer org’s place, and an org twice', () => {
    const files = { members: [ctx.paths.definition('core')], orderer: ctx.paths.definition('banka') };
    expect(() => readFounding(files)).toThrow(DefinitionError);
    expect(() => readFounding(files)).toThrow(/banka\.json: role must be "orderer"/);
    const twice = { members: [ctx.paths.definition('core'), ctx.paths.definition('core')], orderer: '' };
    expect(() => readFounding({ ...twice, orderer: ctx.paths.definition('orderer') })).toThrow(
      /repeats "core"/,
    );
  });

  it('refuses a definition file carrying a private key', () => {
    const file = ctx.paths.definition('core');
    const leaked = JSON.parse(readFileSync(file, 'utf8')) as MemberDefinition;
    const key = readFileSync(join(ctx.paths.identity('core', 'admin'), 'msp', 'keystore', 'key.pem'), 'utf8');
    writeFileSync(file, JSON.stringify({ ...leaked, adminCertPems: [key] }));
    expect(() => readFounding({ members: [file], orderer: ctx.paths.definition('orderer') })).toThrow(
      /adminCertPems\[0\] holds private key material/,
    );
  });
});

describe('channel settings', () => {
  const orgsOf = (): FoundingOrgs => ({
    members: [],
    orderer: {
      format: 'scf-org-definition/1',
      name: 'orderer',
      mspId: 'OrdererMSP',
      role: 'orderer',
      description: '',
      caCertPem: '',
      tlsCaCertPem: '',
      adminCertPems: [],
      orderers: [{ name: 'orderer0', host: '127.0.0.1', port: 9052, tlsCertPem: '' }],
    },
  });

  it('snapshots the Raft log every half batch, so that an orderer replays it in one step at start', () => {
    const profile = profileOf(orgsOf(), loadConfig());
    expect(profile.Orderer.BatchSize.PreferredMaxBytes).toBe('2 MB');
    expect(profile.Orderer.EtcdRaft.Options.SnapshotIntervalSize).toBe('1024 KB');
    expect(profile.Orderer.EtcdRaft.Options.TickInterval).toBe('500ms');
    expect(snapshotIntervalSize('512 KB')).toBe('256 KB');
    expect(() => snapshotIntervalSize('2 GB')).toThrow(/not in KB or MB/);
  });

  it('takes batching from the config, defaults for what it leaves out', () => {
    const profile = profileOf(orgsOf(), { ...loadConfig(), batch: { maxMessageCount: 1 } });
    expect(profile.Orderer.BatchSize.MaxMessageCount).toBe(1);
    expect(profile.Orderer.BatchTimeout).toBe('250ms');
    const quick = profileOf(orgsOf(), loadConfig(undefined, { batch: { timeout: '100ms' } }));
    expect(quick.Orderer.BatchTimeout).toBe('100ms');
    expect(quick.Orderer.BatchSize.MaxMessageCount).toBe(500);
    expect(() => loadConfig(undefined, { batch: { timeout: 'soon' } })).toThrow(/batch.timeout/);
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
