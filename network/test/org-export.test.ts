import { definitionFingerprint } from '../scripts/definition-fingerprint.ts';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { parseOrgDefinition, readOrgDefinition } from '../scripts/org-definition.ts';
import { exportOrgDefinition } from '../scripts/org-export.ts';
import { StatePaths } from '../scripts/paths.ts';
import { planned } from './support/planned.ts';
import { writeFakeOrgState } from './support/fake-state.ts';
import type { TestCa } from './support/test-pki.ts';

const CLI = fileURLToPath(new URL('../scripts/cli.ts', import.meta.url));
const run = promisify(execFile);

/** The network CLI on a state folder, with a stand-in tools folder: `export` runs no Fabric binary. */
function cli(stateDir: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const tools = mkdtempSync(join(tmpdir(), 'scf-tools-'));
  mkdirSync(join(tools, 'fabric'));
  writeFileSync(
    join(tools, 'fabric', 'env'),
    'FABRIC_BIN_DIR=/none\nFABRIC_CONFIG_DIR=/none\nFABRIC_VERSION=x\n',
  );
  return run(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', CLI, ...args, '--state-dir', stateDir],
    { env: { ...process.env, SCF_TOOLS_DIR: tools, SCF_BASE_PORT: '9000' } },
  );
}

describe('exporting an org’s public definition', () => {
  let ctx: NetworkContext;
  let cas: Map<string, TestCa>;

  beforeAll(() => {
    const config = loadConfig(undefined, { basePort: 9000, orderers: 3 });
    ctx = {
      ...planned(config),
      paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-export-'))),
      tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
      log: () => undefined,
    };
    cas = writeFakeOrgState(ctx);
  });

  it('gives a member its CA roots, admin certificate, kinds and anchor peer, and no key', () => {
    const definition = exportOrgDefinition(ctx, 'banka');
    expect(definition).toMatchObject({
      format: 'scf-org-definition/1',
      name: 'banka',
      mspId: 'BankAMSP',
      role: 'member',
      kinds: ['BANK'],
      anchorPeers: [{ host: '127.0.0.1', port: 9022 }],
      caCertPem: cas.get('banka')?.certPem,
      tlsCaCertPem: cas.get('banka')?.certPem,
    });
    expect(definition.adminCertPems).toEqual([
      readFileSync(join(ctx.paths.identity('banka', 'admin'), 'msp', 'signcerts', 'cert.pem'), 'utf8'),
    ]);
    expect(JSON.stringify(definition)).not.toContain('PRIVATE KEY');
    expect(parseOrgDefinition(JSON.parse(JSON.stringify(definition)), 'copy')).toEqual(definition);
  });

  it('gives the orderer org every orderer’s endpoint and TLS certificate', () => {
    const definition = exportOrgDefinition(ctx, 'orderer');
    if (definition.role !== 'orderer') throw new Error('expected the orderer org');
    expect(definition.orderers.map(({ name, host, port }) => ({ name, host, port }))).toEqual([
      { name: 'orderer0', host: '127.0.0.1', port: 9052 },
      { name: 'orderer1', host: '127.0.0.1', port: 9055 },
      { name: 'orderer2', host: '127.0.0.1', port: 9058 },
    ]);
    expect(definition.orderers[2]?.tlsCertPem).toBe(
      readFileSync(join(ctx.paths.identity('orderer', 'orderer2'), 'tls', 'cert.pem'), 'utf8'),
    );
  });

  it('refuses an unknown org and a state folder not brought up yet', () => {
    expect(() => exportOrgDefinition(ctx, 'bankc')).toThrow(/unknown org "bankc"/);
    const empty = { ...ctx, paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-empty-'))) };
    expect(() => exportOrgDefinition(empty, 'core')).toThrow(
      /CA certificate of core is missing.*network -- up/,
    );
  });

  // Three CLI runs, each booting Node and tsx: seconds on a busy two-core machine.
  it(
    'prints the definition from the CLI, or writes it to --out (mode 644)',
    { timeout: 60_000 },
    async () => {
      const printed = await cli(ctx.paths.root, ['export', '--org', 'banka']);
      expect(JSON.parse(printed.stdout)).toEqual(exportOrgDefinition(ctx, 'banka'));
      // The fingerprint to read out goes beside the document, not into it.
      const fingerprint = definitionFingerprint(exportOrgDefinition(ctx, 'banka'));
      expect(printed.stderr).toContain(`fingerprint ${fingerprint}: read it out to the importing operators`);
      const out = join(mkdtempSync(join(tmpdir(), 'scf-out-')), 'orderer.json');
      const written = await cli(ctx.paths.root, ['export', '--org', 'orderer', '--out', out]);
      expect(written.stdout).toContain(`wrote the definition of OrdererMSP to ${out}`);
      expect(written.stdout).toContain(
        `fingerprint ${definitionFingerprint(exportOrgDefinition(ctx, 'orderer'))}`,
      );
      expect(statSync(out).mode & 0o777).toBe(0o644);
      expect(readOrgDefinition(out)).toEqual(exportOrgDefinition(ctx, 'orderer'));
      expect(readdirSync(ctx.paths.root)).not.toContain('network.json');
      await expect(cli(ctx.paths.root, ['export'])).rejects.toThrow(/export needs --org NAME/);
    },
  );
});
