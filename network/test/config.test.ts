import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  completePlan,
  ConfigError,
  isFounding,
  loadConfig,
  portSpan,
  validateConfig,
  type ConsortiumConfig,
  type SavedPlan,
} from '../scripts/config.ts';

const base = (): ConsortiumConfig => structuredClone(loadConfig());
const bankC = { name: 'bankc', mspId: 'BankCMSP', description: 'bank C', kinds: ['BANK' as const] };

describe('consortium config', () => {
  it('ships the five member orgs of the design with an orderer org', () => {
    const config = loadConfig();
    expect(config.members.map((org) => [org.name, org.mspId])).toEqual([
      ['core', 'CoreFirmMSP'],
      ['supplier', 'SupplierMSP'],
      ['banka', 'BankAMSP'],
      ['bankb', 'BankBMSP'],
      ['logistics', 'LogisticsMSP'],
    ]);
    expect(config.ordererOrg.mspId).toBe('OrdererMSP');
    expect(config.channel).toBe('scf');
    expect(config.orderers).toBe(3);
  });

  it('ships the founding charter: one kind per member, both banks publish rates, both must agree', () => {
    const config = loadConfig();
    expect(config.members.map((org) => [org.mspId, org.kinds])).toEqual([
      ['CoreFirmMSP', ['CORE']],
      ['SupplierMSP', ['SUPPLIER']],
      ['BankAMSP', ['BANK']],
      ['BankBMSP', ['BANK']],
      ['LogisticsMSP', ['LOGISTICS']],
    ]);
    expect(config.charter).toEqual({ ratePublishers: ['BankAMSP', 'BankBMSP'], rateQuorum: 2 });
  });

  it('completes a plan saved before the charter from the config file', () => {
    const { members, ...rest } = base();
    const saved: SavedPlan = {
      ...rest,
      members: members.map(({ name, mspId, description }) => ({ name, mspId, description })),
    };
    delete saved.charter;
    const completed = validateConfig(completePlan(saved));
    expect(completed.members.find((org) => org.name === 'banka')?.kinds).toEqual(['BANK']);
    expect(completed.charter.rateQuorum).toBe(2);
  });

  it('takes a member that joins later: founding false, its own port block after the others', () => {
    const config = base();
    config.members.push({ ...bankC, founding: false });
    expect(validateConfig(config)).toBe(config);
    expect(config.members.filter(isFounding).map((org) => org.name)).toEqual([
      'core',
      'supplier',
      'banka',
      'bankb',
      'logistics',
    ]);
    expect(isFounding({})).toBe(true);
  });

  it('takes per-org hosts and listen hosts', () => {
    const config = base();
    config.listenHost = '0.0.0.0';
    Object.assign(config.members[2] ?? {}, { host: 'peer.banka.example', listenHost: '10.0.0.9' });
    Object.assign(config.ordererOrg, {
      host: 'o.example',
      hosts: ['10.0.0.1', '10.0.0.2', 'o3.example', 'spare'],
    });
    expect(validateConfig(config)).toBe(config);
  });

  it('keeps a plan saved before per-org hosts: every node on the consortium host', () => {
    const saved = base();
    delete saved.listenHost;
    expect(saved.members.some((org) => 'host' in org || 'listenHost' in org)).toBe(false);
    const completed = validateConfig(completePlan(saved));
    expect(completed.host).toBe('127.0.0.1');
  });

  it('applies overrides for base port, orderer count and host', () => {
    const config = loadConfig(undefined, { basePort: 30000, orderers: 1, host: 'localhost' });
    expect([config.basePort, config.orderers, config.host]).toEqual([30000, 1, 'localhost']);
  });

  it.each([
    ['no orderer', (c: ConsortiumConfig) => (c.orderers = 0), /orderers must be 1 to 6/],
    ['too many orderers', (c: ConsortiumConfig) => (c.orderers = 7), /orderers must be 1 to 6/],
    ['a privileged port', (c: ConsortiumConfig) => (c.basePort = 80), /basePort must be an integer >= 1024/],
    ['ports past 65535', (c: ConsortiumConfig) => (c.basePort = 65500), /leaves no room/],
    ['a bad channel name', (c: ConsortiumConfig) => (c.channel = 'SCF!'), /not a valid channel name/],
    [
      'a bad MSP id',
      (c: ConsortiumConfig) => ((c.members[0] as { mspId: string }).mspId = 'core'),
      /MSP id "core"/,
    ],
    [
      'a duplicate org',
      (c: ConsortiumConfig) =>
        c.members.push({ name: 'core', mspId: 'OtherMSP', description: '', kinds: ['CORE'] }),
      /duplicate org name: core/,
    ],
    [
      'one member only',
      (c: ConsortiumConfig) => (c.members = c.members.slice(0, 1)),
      /at least two founding member orgs/,
    ],
    [
      'a member without kinds',
      (c: ConsortiumConfig) => ((c.members[1] as { kinds: string[] }).kinds = []),
      /member supplier needs "kinds"/,
    ],
    [
      'a kind the ledger does not know',
      (c: ConsortiumConfig) => ((c.members[1] as { kinds: string[] }).kinds = ['BROKER']),
      /member supplier needs "kinds"/,
    ],
    [
      'a rate publisher that is not a member',
      (c: ConsortiumConfig) => (c.charter.ratePublishers = ['BankAMSP', 'BankCMSP']),
      /charter.ratePublishers must list/,
    ],
    [
      'a joining org as rate publisher',
      (c: ConsortiumConfig) => {
        c.members.push({ ...bankC, founding: false });
        c.charter.ratePublishers = ['BankAMSP', 'BankCMSP'];
      },
      /charter.ratePublishers must list one or more founding member MSP ids/,
    ],
    [
      'one founding member only',
      (c: ConsortiumConfig) => {
        c.members = c.members.map((org, index) => (index === 0 ? org : { ...org, founding: false }));
      },
      /at least two founding member orgs/,
    ],
    [
      'more endorsing orgs than founders',
      (c: ConsortiumConfig) => {
        c.members = c.members.map((org, index) => (index < 3 ? org : { ...org, founding: false }));
        c.charter.ratePublishers = ['BankAMSP'];
        c.charter.rateQuorum = 1;
        c.chaincode.endorsingOrgs = 4;
      },
      /chaincode.endorsingOrgs must be 1 to 3 \(the founding members\)/,
    ],
    [
      'a founding flag that is not a boolean',
      (c: ConsortiumConfig) => {
        c.members.push({ ...bankC, founding: 'no' as unknown as boolean });
      },
      /member bankc: "founding" must be true or false/,
    ],
    [
      'a rate quorum above the publishers',
      (c: ConsortiumConfig) => (c.charter.rateQuorum = 3),
      /charter.rateQuorum must be 1 to 2/,
    ],
    [
      'a wildcard as advertised host',
      (c: ConsortiumConfig) => (c.host = '0.0.0.0'),
      /host must be a DNS name/,
    ],
    [
      'a bad member host',
      (c: ConsortiumConfig) => ((c.members[2] as { host?: string }).host = 'bank a'),
      /banka.host must be a DNS name or an IPv4 address \(an IPv6 host needs a DNS name\) others can reach, got "bank a"/,
    ],
    [
      'a bad listen host',
      (c: ConsortiumConfig) => (c.listenHost = '300.1.1.1'),
      /listenHost must be a DNS name or an IPv4 address .* or 0.0.0.0, got "300.1.1.1"/,
    ],
    [
      'a bad org listen host',
      (c: ConsortiumConfig) => ((c.members[0] as { listenHost?: string }).listenHost = 'x_y'),
      /core.listenHost must be/,
    ],
    [
      'fewer orderer hosts than orderers',
      (c: ConsortiumConfig) => (c.ordererOrg.hosts = ['10.0.0.1']),
      /orderer.hosts must list one host per orderer \(3\)/,
    ],
    [
      'a bad orderer host',
      (c: ConsortiumConfig) => (c.ordererOrg.hosts = ['10.0.0.1', 'fd00::2', '10.0.0.3']),
      /orderer.hosts\[1\] must be a DNS name/,
    ],
    [
      'more endorsers than orgs',
      (c: ConsortiumConfig) => (c.chaincode.endorsingOrgs = 6),
      /endorsingOrgs must be 1 to 5/,
    ],
  ])('rejects %s', (_, mutate, message) => {
    const config = base();
    mutate(config);
    expect(() => validateConfig(config)).toThrow(message);
  });

  it('reports every problem at once', () => {
    const config = base();
    config.orderers = 0;
    config.channel = 'X';
    expect(() => validateConfig(config)).toThrow(/channel "X".*; orderers must be/);
  });

  it('fails with a ConfigError naming an unreadable or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-config-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(ConfigError);
    expect(() => loadConfig(broken)).toThrow(/broken\.json/);
    writeFileSync(broken, '{"members": 3}');
    expect(() => loadConfig(broken)).toThrow(/expected an object with "members"/);
  });

  it('reserves ten ports per member and twenty for the orderer org', () => {
    expect(portSpan(loadConfig())).toBe(70);
  });
});
