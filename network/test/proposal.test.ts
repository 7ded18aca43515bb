import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeFromOptions } from '../scripts/change-options.ts';
import { describeChange, parseChange, type ChannelChange } from '../scripts/channel-change.ts';
import { ConfigError } from '../scripts/config.ts';
import {
  DEFINITION_FORMAT,
  DefinitionError,
  writeOrgDefinition,
  type MemberDefinition,
} from '../scripts/org-definition.ts';
import {
  assertChannel,
  parseProposal,
  PROPOSAL_FORMAT,
  readProposal,
  writeProposal,
  type ChannelProposal,
} from '../scripts/proposal.ts';
import { ProposalError } from '../scripts/proposal-error.ts';
import { makeTestCa } from './support/test-pki.ts';

let bankc: MemberDefinition;
let adminKeyPem: string;
let ordererTlsCertPem: string;

beforeAll(() => {
  const ca = makeTestCa('bankc');
  const admin = ca.issue('admin', { ou: 'admin' });
  adminKeyPem = admin.keyPem;
  ordererTlsCertPem = ca.issue('orderer0', { hosts: ['orderer0.bankc.example'] }).certPem;
  bankc = {
    format: DEFINITION_FORMAT,
    name: 'bankc',
    mspId: 'BankCMSP',
    role: 'member',
    description: 'bank C',
    caCertPem: ca.certPem,
    tlsCaCertPem: ca.certPem,
    adminCertPems: [admin.certPem],
    kinds: ['BANK'],
    anchorPeers: [{ host: 'peer0.bankc.example', port: 7062 }],
  };
});

function proposal(change: ChannelChange = { kind: 'batch', timeout: '1s' }): ChannelProposal {
  return {
    format: PROPOSAL_FORMAT,
    channel: 'scf',
    change,
    basedOnConfigBlock: 4,
    proposedBy: 'CoreFirmMSP',
    envelope: Buffer.from('a config update envelope').toString('base64'),
  };
}

const tempFile = (name: string): string => join(mkdtempSync(join(tmpdir(), 'scf-proposal-')), name);

/** The typed error reading `raw` throws. */
function errorOf(raw: unknown): ProposalError | DefinitionError {
  try {
    parseProposal(raw, 'update.json');
  } catch (error) {
    if (error instanceof ProposalError || error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('the channel update proposal file', () => {
  it('round-trips every kind of change through a public file', () => {
    const changes: ChannelChange[] = [
      { kind: 'add-org', definition: bankc },
      { kind: 'remove-org', mspId: 'LogisticsMSP' },
      { kind: 'anchor-peers', mspId: 'BankBMSP', peers: [{ host: '10.0.0.7', port: 7032 }] },
      { kind: 'batch', timeout: '500ms', maxMessageCount: 100, preferredMaxBytes: '1 MB' },
    ];
    for (const change of changes) {
      const file = tempFile('update.json');
      writeProposal(file, proposal(change));
      expect(readProposal(file)).toEqual(proposal(change));
      expect(statSync(file).mode & 0o777).toBe(0o644);
    }
  });

  it.each([
    [{ ...proposal(), format: 'scf-channel-update/2' }, 'format'],
    [{ ...proposal(), signatures: [] }, 'signatures'],
    [{ ...proposal(), channel: 'Other Channel' }, 'channel'],
    [{ ...proposal(), basedOnConfigBlock: -1 }, 'basedOnConfigBlock'],
    [{ ...proposal(), basedOnConfigBlock: '4' }, 'basedOnConfigBlock'],
    [{ ...proposal(), proposedBy: 'core' }, 'proposedBy'],
    [{ ...proposal(), envelope: 'not base64!' }, 'envelope'],
    [{ ...proposal(), envelope: '' }, 'envelope'],
    [{ ...proposal(), change: { kind: 'move-consenter' } }, 'change.kind'],
    [{ ...proposal(), change: { kind: 'add-consenter' } }, 'change.mspId'],
    [{ ...proposal(), change: { kind: 'remove-consenter', name: 'Orderer 2' } }, 'change.name'],
    [{ ...proposal(), change: { kind: 'remove-consenter', name: 'orderer2', port: 1 } }, 'change.port'],
    [{ ...proposal(), change: { kind: 'remove-org', mspId: 'LogisticsMSP', also: 1 } }, 'change.also'],
    [{ ...proposal(), change: { kind: 'remove-org', mspId: 'logistics' } }, 'change.mspId'],
    [{ ...proposal(), change: { kind: 'batch' } }, 'change.kind'],
    [{ ...proposal(), change: { kind: 'batch', timeout: 'soon' } }, 'change.timeout'],
    [{ ...proposal(), change: { kind: 'batch', maxMessageCount: 0 } }, 'change.maxMessageCount'],
    [{ ...proposal(), change: { kind: 'batch', preferredMaxBytes: '2 GB' } }, 'change.preferredMaxBytes'],
    [{ ...proposal(), change: { kind: 'anchor-peers', mspId: 'BankBMSP', peers: [] } }, 'change.peers'],
    [
      {
        ...proposal(),
        change: { kind: 'anchor-peers', mspId: 'BankBMSP', peers: [{ host: 'a.example', port: 0 }] },
      },
      'change.peers[0].port',
    ],
    [
      {
        ...proposal(),
        change: { kind: 'anchor-peers', mspId: 'BankBMSP', peers: [{ host: '0.0.0.0', port: 7 }] },
      },
      'change.peers[0].host',
    ],
    [
      {
        ...proposal(),
        change: {
          kind: 'anchor-peers',
          mspId: 'BankBMSP',
          peers: [
            { host: 'a.example', port: 7 },
            { host: 'a.example', port: 7 },
          ],
        },
      },
      'change.peers[1]',
    ],
  ])('refuses %j, naming the field %s', (raw, field) => {
    const error = errorOf(raw);
    expect(error).toBeInstanceOf(ProposalError);
    expect(error.file).toBe('update.json');
    expect(error.field).toBe(field);
  });

  it('checks an added org’s definition as strictly as a definition file, and wants a member', () => {
    const error = errorOf({
      ...proposal(),
      change: { kind: 'add-org', definition: { ...bankc, mspId: 'bankc' } },
    });
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error.field).toBe('mspId');
    const { format, name, mspId, description, caCertPem, tlsCaCertPem, adminCertPems } = bankc;
    const orderer = {
      ...{ format, name, mspId, description, caCertPem, tlsCaCertPem, adminCertPems },
      role: 'orderer',
      orderers: [
        { name: 'orderer0', host: 'orderer0.bankc.example', port: 7050, tlsCertPem: ordererTlsCertPem },
      ],
    };
    const refused = errorOf({ ...proposal(), change: { kind: 'add-org', definition: orderer } });
    expect(refused).toBeInstanceOf(DefinitionError);
    expect(refused.field).toBe('role');
  });

  it('refuses a file holding a private key, a file that is no JSON, and one of another channel', () => {
    const withKey = tempFile('update.json');
    writeFileSync(withKey, JSON.stringify({ ...proposal(), note: adminKeyPem }));
    expect(() => readProposal(withKey)).toThrow(/holds private key material/);
    const broken = tempFile('update.json');
    writeFileSync(broken, '{"format":');
    expect(() => readProposal(broken)).toThrow(ProposalError);
    expect(() => {
      assertChannel(proposal(), 'other', 'update.json');
    }).toThrow(/channel is "scf", not this network's channel "other"/);
  });

  it('states each change in a sentence a signer can check', () => {
    expect(describeChange({ kind: 'batch', timeout: '1s', maxMessageCount: 10 })).toBe(
      "set the orderers' batch timeout to 1s, max message count to 10",
    );
    expect(describeChange({ kind: 'remove-org', mspId: 'BankCMSP' })).toBe(
      'remove the member org BankCMSP from the channel',
    );
    expect(
      describeChange({ kind: 'anchor-peers', mspId: 'BankBMSP', peers: [{ host: 'a.example', port: 7 }] }),
    ).toBe('set the anchor peers of BankBMSP to a.example:7');
    expect(describeChange({ kind: 'add-org', definition: bankc })).toMatch(
      /^add the member org BankCMSP \("bankc": bank C; kinds BANK; anchor peers peer0.bankc.example:7062; root CA SHA-256 [0-9A-F:]{95}\)$/,
    );
  });
});

describe('a change stated on the command line', () => {
  it('reads each kind’s options into the same change a file holds', () => {
    const file = tempFile('bankc.json');
    writeOrgDefinition(file, bankc);
    expect(changeFromOptions('add-org', { definition: file })).toEqual({
      kind: 'add-org',
      definition: bankc,
    });
    expect(
      changeFromOptions('anchor-peers', { 'org-msp': 'BankBMSP', peer: 'a.example:7,10.0.0.2:8' }),
    ).toEqual({
      kind: 'anchor-peers',
      mspId: 'BankBMSP',
      peers: [
        { host: 'a.example', port: 7 },
        { host: '10.0.0.2', port: 8 },
      ],
    });
    expect(changeFromOptions('batch', { timeout: '1s', 'max-messages': '20' })).toEqual(
      parseChange({ kind: 'batch', timeout: '1s', maxMessageCount: 20 }, 'x'),
    );
  });

  it('names a missing option, a bad value, an unknown kind', () => {
    expect(() => changeFromOptions('remove-org', {})).toThrow(ConfigError);
    expect(() => changeFromOptions('anchor-peers', { 'org-msp': 'BankBMSP', peer: 'a.example' })).toThrow(
      /change.peers\[0\].port/,
    );
    expect(() => changeFromOptions('batch', { 'max-messages': 'many' })).toThrow(/change.maxMessageCount/);
    expect(() => changeFromOptions('rename-channel', {})).toThrow(/unknown change kind/);
  });
});
