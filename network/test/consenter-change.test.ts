import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyChange } from '../scripts/apply-change.ts';
import { changeFromOptions } from '../scripts/change-options.ts';
import { describeChange, parseChange, type ChannelChange } from '../scripts/channel-change.ts';
import { assertNeedsMet, policyNeeds, PolicyNotMetError } from '../scripts/channel-policy.ts';
import { ConfigError } from '../scripts/config.ts';
import type { ChannelConfig, ConfigGroup } from '../scripts/config-tree.ts';
import { ConsenterChangeError } from '../scripts/consenter-change.ts';
import { endpoint } from '../scripts/hosts.ts';
import {
  DEFINITION_FORMAT,
  DefinitionError,
  writeOrgDefinition,
  type MemberDefinition,
  type OrdererEndpoint,
  type OrdererOrgDefinition,
} from '../scripts/org-definition.ts';
import { governedByMembers, memberMajorityPolicy, memberMajorityRule } from '../scripts/orderer-admins.ts';
import { ProposalError } from '../scripts/proposal-error.ts';
import { bare, channelConfig, configUpdate, group, orgGroup } from './support/config-json.ts';
import { makeTestCa, type TestCa } from './support/test-pki.ts';

const MEMBERS = ['BankAMSP', 'BankBMSP', 'CoreFirmMSP', 'LogisticsMSP', 'SupplierMSP'];

let ca: TestCa;
let nodes: OrdererEndpoint[];
/** A fourth orderer of the same org, not a consenter yet. */
let orderer3: OrdererEndpoint;

/** An orderer whose TLS certificate names its host and its name, as Fabric CA issues ours. */
function ordererNode(issuer: TestCa, name: string, port: number): OrdererEndpoint {
  const tlsCertPem = issuer.issue(name, { hosts: ['127.0.0.1', name, 'localhost'] }).certPem;
  return { name, host: '127.0.0.1', port, tlsCertPem };
}

beforeAll(() => {
  ca = makeTestCa('orderer');
  nodes = [0, 1, 2].map((index) => ordererNode(ca, `orderer${String(index)}`, 7052 + 3 * index));
  orderer3 = ordererNode(ca, 'orderer3', 7061);
});

const base64 = (text: string): string => Buffer.from(text).toString('base64');

function ordererGroup(config: ChannelConfig): ConfigGroup {
  const found = config.channel_group.groups.Orderer;
  if (!found) throw new Error('no Orderer group');
  return found;
}

interface RaftMetadata {
  consenters: { host: string; port: number; client_tls_cert: string; server_tls_cert: string }[];
}

const consenters = (config: ChannelConfig): RaftMetadata['consenters'] =>
  (ordererGroup(config).values.ConsensusType?.value as { metadata: RaftMetadata }).metadata.consenters;

const addresses = (config: ChannelConfig): string[] =>
  (ordererGroup(config).groups.OrdererMSP?.values.Endpoints?.value as { addresses: string[] }).addresses;

/** A channel like ours now: `raft` as its consenters and endpoints, members governing the orderers. */
function raftChannel(raft: OrdererEndpoint[]): ChannelConfig {
  const config = channelConfig(MEMBERS, ['OrdererMSP'], new Map([['OrdererMSP', ca.certPem]]));
  const orderer = ordererGroup(config);
  orderer.policies.Admins = { mod_policy: 'Admins', policy: memberMajorityPolicy(MEMBERS), version: '0' };
  const consensus = orderer.values.ConsensusType?.value as { metadata: Partial<RaftMetadata> };
  consensus.metadata.consenters = raft.map((node) => ({
    host: node.host,
    port: node.port,
    client_tls_cert: base64(node.tlsCertPem),
    server_tls_cert: base64(node.tlsCertPem),
  }));
  const org = orderer.groups.OrdererMSP;
  if (!org) throw new Error('no OrdererMSP group');
  org.values.Endpoints = {
    mod_policy: 'Admins',
    value: { addresses: raft.map((node) => endpoint(node.host, node.port)) },
    version: '0',
  };
  return config;
}

const noBuild = (): Promise<ConfigGroup> => Promise.reject(new Error('no org is built here'));

async function refusal(config: ChannelConfig, change: ChannelChange): Promise<ConsenterChangeError> {
  try {
    await applyChange(config, change, noBuild);
  } catch (error) {
    if (error instanceof ConsenterChangeError) return error;
    throw error;
  }
  throw new Error('the change was applied');
}

describe('a consenter change as a statement', () => {
  it('reads an added consenter strictly, naming the field at fault', () => {
    const change = { kind: 'add-consenter', mspId: 'OrdererMSP', consenter: orderer3 };
    expect(parseChange(change, 'p.json')).toEqual(change);
    const faults: [Record<string, unknown>, string][] = [
      [{ ...orderer3, port: 70000 }, 'change.consenter.port'],
      [{ ...orderer3, host: '0.0.0.0' }, 'change.consenter.host'],
      [{ ...orderer3, host: 'orderer3.example' }, 'change.consenter.tlsCertPem'],
      [{ ...orderer3, name: 'orderer9' }, 'change.consenter.tlsCertPem'],
      [{ ...orderer3, tlsCertPem: 'no certificate' }, 'change.consenter.tlsCertPem'],
      [{ ...orderer3, adminPort: 7062 }, 'change.consenter.adminPort'],
    ];
    for (const [consenter, field] of faults) {
      expect(() => parseChange({ ...change, consenter }, 'p.json')).toThrow(ProposalError);
      try {
        parseChange({ ...change, consenter }, 'p.json');
      } catch (error) {
        expect((error as ProposalError).field).toBe(field);
      }
    }
  });

  it('takes the consenter from the ordering org’s definition on the command line', () => {
    const admin = ca.issue('admin', { ou: 'admin' });
    const definition: OrdererOrgDefinition = {
      format: DEFINITION_FORMAT,
      name: 'orderer',
      mspId: 'OrdererMSP',
      role: 'orderer',
      description: 'ordering service',
      caCertPem: ca.certPem,
      tlsCaCertPem: ca.certPem,
      adminCertPems: [admin.certPem],
      orderers: [...nodes, orderer3],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'scf-consenter-')), 'orderer.json');
    writeOrgDefinition(file, definition);
    expect(changeFromOptions('add-consenter', { 'orderer-definition': file, name: 'orderer3' })).toEqual({
      kind: 'add-consenter',
      mspId: 'OrdererMSP',
      consenter: orderer3,
    });
    expect(() =>
      changeFromOptions('add-consenter', { 'orderer-definition': file, name: 'orderer7' }),
    ).toThrow(DefinitionError);
    expect(() => changeFromOptions('add-consenter', { name: 'orderer3' })).toThrow(ConfigError);
    expect(changeFromOptions('remove-consenter', { name: 'orderer2' })).toEqual({
      kind: 'remove-consenter',
      name: 'orderer2',
    });
    expect(() => changeFromOptions('remove-consenter', {})).toThrow(/needs --name/);
  });

  it('says which orderer, where, and with which certificate', () => {
    expect(describeChange({ kind: 'add-consenter', mspId: 'OrdererMSP', consenter: orderer3 })).toMatch(
      /^add orderer3 of OrdererMSP at 127\.0\.0\.1:7061 to the Raft consenters .* SHA-256 [0-9A-F:]{95}\)$/,
    );
    expect(describeChange({ kind: 'remove-consenter', name: 'orderer2' })).toContain(
      'remove the orderer orderer2',
    );
  });
});

describe('applying a consenter change to the channel config', () => {
  it('adds a consenter and its endpoint', async () => {
    const config = raftChannel(nodes);
    const updated = await applyChange(
      config,
      { kind: 'add-consenter', mspId: 'OrdererMSP', consenter: orderer3 },
      noBuild,
    );
    expect(consenters(updated).map((item) => item.port)).toEqual([7052, 7055, 7058, 7061]);
    expect(consenters(updated)[3]).toEqual({
      host: '127.0.0.1',
      port: 7061,
      client_tls_cert: base64(orderer3.tlsCertPem),
      server_tls_cert: base64(orderer3.tlsCertPem),
    });
    expect(addresses(updated)).toEqual([
      '127.0.0.1:7052',
      '127.0.0.1:7055',
      '127.0.0.1:7058',
      '127.0.0.1:7061',
    ]);
    expect(consenters(config)).toHaveLength(3);
  });

  it('refuses a consenter the channel has (name, host:port, certificate), a foreign one, an unknown org', async () => {
    const config = raftChannel(nodes);
    const add = (consenter: OrdererEndpoint, mspId = 'OrdererMSP'): ChannelChange => ({
      kind: 'add-consenter',
      mspId,
      consenter,
    });
    const [orderer0] = nodes;
    if (!orderer0) throw new Error('no orderer0');
    await expect(refusal(config, add({ ...orderer3, port: 7055 }))).resolves.toMatchObject({
      code: 'DUPLICATE_CONSENTER',
      field: 'consenter.host',
    });
    await expect(refusal(config, add({ ...orderer0, port: 7061 }))).resolves.toMatchObject({
      code: 'DUPLICATE_CONSENTER',
      field: 'consenter.tlsCertPem',
    });
    const again = ordererNode(ca, 'orderer1', 7061);
    await expect(refusal(config, add(again))).resolves.toMatchObject({
      code: 'DUPLICATE_CONSENTER',
      field: 'consenter.name',
    });
    const stranger = ordererNode(makeTestCa('elsewhere'), 'orderer3', 7061);
    await expect(refusal(config, add(stranger))).resolves.toMatchObject({
      code: 'FOREIGN_TLS_CERT',
      field: 'consenter.tlsCertPem',
    });
    await expect(refusal(config, add(orderer3, 'BankAMSP'))).resolves.toMatchObject({
      code: 'NOT_ORDERING_ORG',
      field: 'mspId',
    });
  });

  it('removes the consenter a name means, and its endpoint', async () => {
    const updated = await applyChange(
      raftChannel(nodes),
      { kind: 'remove-consenter', name: 'orderer1' },
      noBuild,
    );
    expect(consenters(updated).map((item) => item.port)).toEqual([7052, 7058]);
    expect(addresses(updated)).toEqual(['127.0.0.1:7052', '127.0.0.1:7058']);
  });

  it('refuses an unknown name, the last consenter, and a removal that leaves no majority', async () => {
    const remove = (name: string): ChannelChange => ({ kind: 'remove-consenter', name });
    await expect(refusal(raftChannel(nodes), remove('orderer3'))).resolves.toMatchObject({
      code: 'UNKNOWN_CONSENTER',
      field: 'name',
    });
    await expect(refusal(raftChannel(nodes.slice(0, 1)), remove('orderer0'))).resolves.toMatchObject({
      code: 'LAST_CONSENTER',
      field: 'name',
    });
    await expect(refusal(raftChannel(nodes.slice(0, 2)), remove('orderer1'))).resolves.toMatchObject({
      code: 'NO_MAJORITY_LEFT',
      field: 'name',
    });
  });
});

describe('who signs a consenter change, and who governs the orderers after a change of members', () => {
  /** What compute_update writes for a consenter change: the consensus type and the org's endpoints. */
  const consenterUpdate = configUpdate(
    bare({ Orderer: bare({ OrdererMSP: bare() }) }),
    bare({
      Orderer: group({
        mod_policy: '',
        groups: {
          OrdererMSP: group({
            mod_policy: '',
            values: { Endpoints: { mod_policy: 'Admins', value: { addresses: [] }, version: '1' } },
          }),
        },
        values: { ConsensusType: { mod_policy: 'Admins', value: {}, version: '1' } },
      }),
    }),
  );

  it('needs a majority of member admins and the ordering org’s admin', () => {
    const needs = policyNeeds(raftChannel(nodes), consenterUpdate);
    expect(needs).toEqual([
      { policy: '/Channel/Orderer/Admins', scope: 'member', orgs: MEMBERS, needed: 3 },
      { policy: '/Channel/Orderer/OrdererMSP/Admins', scope: 'org', orgs: ['OrdererMSP'], needed: 1 },
    ]);
    expect(() => {
      assertNeedsMet(needs, ['OrdererMSP']);
    }).toThrow(PolicyNotMetError);
    expect(() => {
      assertNeedsMet(needs, ['BankAMSP', 'CoreFirmMSP', 'SupplierMSP']);
    }).toThrow(/0 of 1 org admins/);
    expect(() => {
      assertNeedsMet(needs, ['BankAMSP', 'CoreFirmMSP', 'SupplierMSP', 'OrdererMSP']);
    }).not.toThrow();
  });

  it('writes the member majority as configtxgen reads it', () => {
    expect(memberMajorityRule(['CoreFirmMSP', 'BankAMSP', 'BankBMSP', 'BankAMSP'])).toBe(
      "OutOf(2, 'BankAMSP.admin', 'BankBMSP.admin', 'CoreFirmMSP.admin')",
    );
  });

  it('moves the majority with the members, in the same update as add-org and remove-org', async () => {
    const config = raftChannel(nodes);
    expect(governedByMembers(config)).toBe(true);
    const build = (): Promise<ConfigGroup> => Promise.resolve(orgGroup('BankCMSP'));
    const definition: MemberDefinition = {
      format: DEFINITION_FORMAT,
      name: 'bankc',
      mspId: 'BankCMSP',
      role: 'member',
      description: 'bank C',
      caCertPem: '',
      tlsCaCertPem: '',
      adminCertPems: [],
      kinds: ['BANK'],
      anchorPeers: [{ host: 'peer0.bankc.example', port: 7062 }],
    };
    const added = await applyChange(config, { kind: 'add-org', definition }, build);
    expect(ordererGroup(added).policies.Admins?.policy).toEqual(
      memberMajorityPolicy([...MEMBERS, 'BankCMSP']),
    );
    expect(policyNeeds(added, consenterUpdate)[0]?.needed).toBe(4);
    const removed = await applyChange(added, { kind: 'remove-org', mspId: 'BankAMSP' }, noBuild);
    expect(ordererGroup(removed).policies.Admins?.policy).toEqual(
      memberMajorityPolicy(['BankBMSP', 'BankCMSP', 'CoreFirmMSP', 'LogisticsMSP', 'SupplierMSP']),
    );
    expect(governedByMembers(removed)).toBe(true);
  });

  it('leaves the policy of a channel made before as it is', async () => {
    const before = channelConfig(MEMBERS);
    const policy = ordererGroup(before).policies.Admins;
    expect(governedByMembers(before)).toBe(false);
    const removed = await applyChange(before, { kind: 'remove-org', mspId: 'BankAMSP' }, noBuild);
    expect(ordererGroup(removed).policies.Admins).toEqual(policy);
  });
});
