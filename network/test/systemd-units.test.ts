import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { fabricUnits } from '../scripts/fabric-units.ts';
import { CHAINCODE_DIR, StatePaths } from '../scripts/paths.ts';
import { environmentFile, execWord, writeUnits } from '../scripts/systemd-unit.ts';
import { planned } from './support/planned.ts';

/** A state folder as `up` leaves it, as far as the units need: binaries, core.yaml, a deployed chaincode. */
function deployedNetwork(): NetworkContext {
  const root = mkdtempSync(join(tmpdir(), 'scf-units-'));
  const bin = join(root, 'fabric', 'bin');
  const config = join(root, 'fabric', 'config');
  mkdirSync(bin, { recursive: true });
  mkdirSync(config, { recursive: true });
  for (const tool of ['peer', 'orderer', 'fabric-ca-server']) {
    writeFileSync(join(bin, tool), '#!/bin/sh\n');
    chmodSync(join(bin, tool), 0o755);
  }
  writeFileSync(
    join(config, 'core.yaml'),
    'chaincode:\n  externalBuilders: []\nvm:\n  endpoint: unix:///x\n',
  );
  const ctx: NetworkContext = {
    ...planned({ ...loadConfig(), basePort: 17000 }),
    paths: new StatePaths(join(root, 'state')),
    tools: { binDir: bin, configDir: config, version: 'test' },
    log: () => undefined,
  };
  const marker = join(ctx.paths.chaincode, 'core', 'running-command');
  mkdirSync(join(ctx.paths.chaincode, 'core'), { recursive: true });
  const shim = join(CHAINCODE_DIR, 'node_modules', 'fabric-shim', 'cli.js');
  const args = [
    process.execPath,
    shim,
    'server',
    '--chaincode-address',
    '127.0.0.1:17005',
    '--chaincode-id',
    'scf_1:ab',
  ];
  writeFileSync(
    marker,
    JSON.stringify({ args, env: { NODE_ENV: 'production', CORE_PEER_LOCALMSPID: 'CoreFirmMSP' } }),
  );
  return ctx;
}

const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

describe('systemd units', () => {
  it('writes one unit per Fabric process of a member org, ordered after what it needs, restarted on failure', () => {
    const ctx = deployedNetwork();
    const units = fabricUnits(ctx, 'core');
    expect(units.map((unit) => [unit.name, unit.after])).toEqual([
      ['ca-core', []],
      ['peer0.core', ['ca-core']],
      ['chaincode-core', ['peer0.core']],
    ]);
    const dir = join(ctx.paths.root, 'units');
    const written = writeUnits(units, {
      org: 'core',
      dir,
      workingDirectory: ctx.paths.root,
      user: 'scf',
      generatedBy: 'npm run network -- units --org core',
    });
    expect(written.map((file) => file.slice(dir.length + 1))).toEqual([
      'scf-ca-core.service',
      'scf-ca-core.env',
      'scf-peer0.core.service',
      'scf-peer0.core.env',
      'scf-chaincode-core.service',
      'scf-chaincode-core.env',
      'scf-core.target',
    ]);

    const peer = read(dir, 'scf-peer0.core.service');
    for (const line of [
      '[Unit]',
      'PartOf=scf-core.target',
      'After=network-online.target scf-ca-core.service',
      'Wants=network-online.target scf-ca-core.service',
      'User=scf',
      `WorkingDirectory=${ctx.paths.root}`,
      `EnvironmentFile=${dir}/scf-peer0.core.env`,
      `ExecStart=${ctx.tools.binDir}/peer node start`,
      'Restart=on-failure',
      'RestartSec=5',
      'LimitNOFILE=65536',
      'WantedBy=scf-core.target',
    ]) {
      expect(peer.split('\n')).toContain(line);
    }
    const peerEnv = read(dir, 'scf-peer0.core.env');
    expect(peerEnv).toContain('CORE_PEER_ID="peer0.core"\n');
    expect(peerEnv).toContain('CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:17004"\n');
    expect(peerEnv).toMatch(/^PATH=".+"$/m);

    // The CA's bootstrap password stays out of the unit, in its private environment file.
    const ca = read(dir, 'scf-ca-core.service');
    expect(ca).toContain(`ExecStart=${ctx.tools.binDir}/fabric-ca-server start\n`);
    expect(read(dir, 'scf-ca-core.env')).toMatch(/^FABRIC_CA_SERVER_BOOT="registrar:[^"]{16,}"$/m);
    expect(statSync(join(dir, 'scf-ca-core.env')).mode & 0o777).toBe(0o600);

    // systemd restarts the chaincode server itself: no demo supervisor in between.
    const chaincode = read(dir, 'scf-chaincode-core.service');
    expect(chaincode).toContain(`WorkingDirectory=${CHAINCODE_DIR}`);
    expect(chaincode).toContain(
      `ExecStart=${process.execPath} ${CHAINCODE_DIR}/node_modules/fabric-shim/cli.js server`,
    );
    expect(chaincode).not.toContain('supervise.sh');
    expect(chaincode).toContain('After=network-online.target scf-peer0.core.service');

    expect(read(dir, 'scf-core.target')).toContain(
      'Wants=scf-ca-core.service scf-peer0.core.service scf-chaincode-core.service',
    );
    verifyWithSystemd(written.filter((file) => !file.endsWith('.env')));
  });

  it('writes the CA and every orderer for the orderer org', () => {
    const ctx = deployedNetwork();
    const units = fabricUnits(ctx, 'orderer');
    expect(units.map((unit) => [unit.name, unit.after])).toEqual([
      ['ca-orderer', []],
      ['orderer0', ['ca-orderer']],
      ['orderer1', ['ca-orderer']],
      ['orderer2', ['ca-orderer']],
    ]);
    const dir = join(ctx.paths.root, 'orderer-units');
    writeUnits(units, { org: 'orderer', dir, workingDirectory: ctx.paths.root, generatedBy: 'test' });
    const unit = read(dir, 'scf-orderer1.service');
    expect(unit).toContain(`ExecStart=${ctx.tools.binDir}/orderer\n`);
    expect(unit).not.toContain('User=');
    expect(read(dir, 'scf-orderer1.env')).toContain('ORDERER_GENERAL_LISTENPORT="17055"');
  });

  it('escapes what systemd would expand or split', () => {
    expect(execWord('/usr/bin/peer')).toBe('/usr/bin/peer');
    expect(execWord('100%')).toBe('"100%%"');
    expect(execWord('a b"c\\d')).toBe('"a b\\"c\\\\d"');
    expect(execWord('$HOME')).toBe('"$$HOME"');
    expect(environmentFile({ A: 'x y', B: 'q"$`\\' })).toBe('A="x y"\nB="q\\"\\$\\`\\\\"\n');
    expect(() => environmentFile({ A: 'two\nlines' })).toThrow(/line break/);
    expect(() => environmentFile({ 'bad-name': 'x' })).toThrow(/not valid/);
  });
});

/** systemd's own check of the unit files, where systemd-analyze is installed (skipped where it is not). */
function verifyWithSystemd(files: string[]): void {
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path));
  if (analyze === undefined) return;
  const result = spawnSync(analyze, ['verify', '--man=no', ...files], { encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
  expect(result.status).toBe(0);
}
