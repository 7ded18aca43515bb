import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  completePlan,
  ConfigError,
  loadConfig,
  portSpan,
  validateConfig,
  type ConsortiumConfig,
  type SavedPlan,
} from '../scripts/config.ts';

const base = (): ConsortiumConfig => structuredClone(loadConfig());

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
      /at least two member orgs/,
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
      'a rate quorum above the publishers',
      (c: ConsortiumConfig) => (c.charter.rateQuorum = 3),
      /charter.rateQuorum must be 1 to 2/,
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
