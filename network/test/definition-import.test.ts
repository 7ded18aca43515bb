import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { definitionFingerprint } from '../scripts/definition-fingerprint.ts';
import { importDefinition } from '../scripts/definition-import.ts';
import { localNodes } from '../scripts/local-nodes.ts';
import { DefinitionError, writeOrgDefinition, type OrgDefinition } from '../scripts/org-definition.ts';
import { exportOrgDefinition } from '../scripts/org-export.ts';
import { StatePaths } from '../scripts/paths.ts';
import { MissingDefinitionError, tlsRootFile } from '../scripts/trust-roots.ts';
import { planned } from './support/planned.ts';
import { writeFakeOrgState } from './support/fake-state.ts';

/**
 * Core's own host takes other orgs' definitions by `import`. A file handed over by another member
 * may lie: it must not make core trust a key for an org it is not, nor replace core's own root.
 */
describe('importing another org’s definition on a host that runs one org', () => {
  const config = loadConfig(undefined, { basePort: 9000, orderers: 3 });
  const files = mkdtempSync(join(tmpdir(), 'scf-import-files-'));
  let exported: Map<string, OrgDefinition>;
  let core: NetworkContext;

  const file = (name: string, definition: OrgDefinition): string => {
    const path = join(files, name);
    writeOrgDefinition(path, definition);
    return path;
  };
  const definitionOf = (org: string): OrgDefinition => {
    const found = exported.get(org);
    if (!found) throw new Error(`no definition of ${org}`);
    return found;
  };

  beforeAll(() => {
    // Every org's real definition, as each would export it on its own host.
    const everyone: NetworkContext = {
      ...planned(config),
      paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-import-all-'))),
      tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
      log: () => undefined,
    };
    writeFakeOrgState(everyone);
    exported = new Map(
      ['core', 'banka', 'bankb', 'orderer'].map((org) => [org, exportOrgDefinition(everyone, org)]),
    );
    const { topology } = planned(config);
    core = {
      topology,
      local: localNodes(topology, { orgs: ['core'], orderers: [] }),
      share: { orgs: ['core'], orderers: [] },
      paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-import-core-'))),
      tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
      log: () => undefined,
    };
  });

  it('has no TLS root of another org until its definition is imported', () => {
    expect(() => tlsRootFile(core, 'banka')).toThrow(MissingDefinitionError);
  });

  it('imports bank A’s definition and takes bank A’s TLS root from it, once', () => {
    const banka = file('banka.json', definitionOf('banka'));
    const fingerprint = definitionFingerprint(definitionOf('banka'));
    expect(importDefinition(core, banka)).toEqual({ org: 'banka', outcome: 'imported', fingerprint });
    expect(importDefinition(core, banka)).toEqual({ org: 'banka', outcome: 'unchanged', fingerprint });
    expect(readFileSync(tlsRootFile(core, 'banka'), 'utf8')).toBe(definitionOf('banka').tlsCaCertPem);
  });

  it('refuses bank B’s definition passed off as bank A’s', () => {
    const bankb = definitionOf('bankb');
    const forged = file('forged-banka.json', { ...bankb, name: 'banka' });
    expect(() => importDefinition(core, forged)).toThrow(DefinitionError);
    expect(() => importDefinition(core, forged)).toThrow('the plan names banka BankAMSP');
    // Bank A's root stays the one imported before.
    expect(readFileSync(tlsRootFile(core, 'banka'), 'utf8')).toBe(definitionOf('banka').tlsCaCertPem);
  });

  it('refuses a member definition under the ordering org’s name', () => {
    const banka = definitionOf('banka');
    const forged = file('forged-orderer.json', { ...banka, name: 'orderer', mspId: 'OrdererMSP' });
    expect(() => importDefinition(core, forged)).toThrow('must be "orderer" for orderer');
  });

  it('refuses to replace the root of an org whose CA runs here', () => {
    const other = file('forged-core.json', { ...definitionOf('bankb'), name: 'core', mspId: 'CoreFirmMSP' });
    expect(() => importDefinition(core, other)).toThrow('core runs its CA here');
  });

  it('refuses an org the consortium’s plan does not name', () => {
    const stranger = file('stranger.json', { ...definitionOf('bankb'), name: 'bankz', mspId: 'BankZMSP' });
    expect(() => importDefinition(core, stranger)).toThrow('"bankz" is not an org of this consortium');
  });

  it('takes a definition whose fingerprint is the one its operator read out, typed any way', () => {
    const bankb = file('bankb.json', definitionOf('bankb'));
    const readOut = definitionFingerprint(definitionOf('bankb'));
    expect(readOut).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const typed = readOut.toLowerCase().replace(/ /g, ':');
    expect(importDefinition(core, bankb, typed)).toMatchObject({ org: 'bankb', outcome: 'imported' });
  });

  it('refuses a definition changed on its way: its anchor peer moved to another host', () => {
    const genuine = definitionOf('bankb');
    if (genuine.role !== 'member') throw new Error('bank B is a member');
    const readOut = definitionFingerprint(genuine);
    const swapped = file('swapped-bankb.json', {
      ...genuine,
      anchorPeers: genuine.anchorPeers.map((peer) => ({ ...peer, host: 'bankb.attacker.example' })),
    });
    expect(() => importDefinition(core, swapped, readOut)).toThrow(
      /fingerprint is [0-9A-F ]+, not the .* given: this is not the definition its org's operator exported/,
    );
    expect(() => importDefinition(core, swapped, 'abc')).toThrow('is not a SHA-256');
    // Bank B's copy in the folder is still the genuine one.
    expect(JSON.parse(readFileSync(core.paths.definition('bankb'), 'utf8'))).toEqual(genuine);
  });
});
