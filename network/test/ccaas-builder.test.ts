import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDERS_DIR } from '../scripts/paths.ts';

const bin = (step: string): string => join(BUILDERS_DIR, 'ccaas', 'bin', step);

function runStep(step: string, args: string[]): { ok: boolean; stderr: string } {
  try {
    execFileSync(bin(step), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, stderr: '' };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: Buffer }).stderr ?? '') };
  }
}

function workspace(
  metadata: object,
  connection?: object,
): Record<'source' | 'metadata' | 'build' | 'release', string> {
  const root = mkdtempSync(join(tmpdir(), 'scf-ccaas-'));
  const dirs = {
    source: join(root, 'src'),
    metadata: join(root, 'meta'),
    build: join(root, 'build'),
    release: join(root, 'rel'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  writeFileSync(join(dirs.metadata, 'metadata.json'), JSON.stringify(metadata));
  if (connection) writeFileSync(join(dirs.source, 'connection.json'), JSON.stringify(connection));
  return dirs;
}

describe('ccaas external builder', () => {
  it('detects ccaas packages only', () => {
    const ccaas = workspace({ type: 'ccaas', label: 'scf_1' });
    const node = workspace({ type: 'node', label: 'scf_1' });
    expect(runStep('detect', [ccaas.source, ccaas.metadata]).ok).toBe(true);
    expect(runStep('detect', [node.source, node.metadata]).ok).toBe(false);
  });

  it('passes connection.json from the package to the release folder', () => {
    const connection = { address: '127.0.0.1:7005', dial_timeout: '10s', tls_required: false };
    const dirs = workspace({ type: 'ccaas' }, connection);
    expect(runStep('build', [dirs.source, dirs.metadata, dirs.build]).ok).toBe(true);
    expect(runStep('release', [dirs.build, dirs.release]).ok).toBe(true);
    const released = join(dirs.release, 'chaincode', 'server', 'connection.json');
    expect(JSON.parse(readFileSync(released, 'utf8'))).toEqual(connection);
  });

  it('refuses a package without connection.json or without an address', () => {
    const missing = workspace({ type: 'ccaas' });
    expect(runStep('build', [missing.source, missing.metadata, missing.build])).toMatchObject({
      ok: false,
      stderr: expect.stringContaining('no connection.json') as unknown,
    });
    const noAddress = workspace({ type: 'ccaas' }, { dial_timeout: '10s' });
    const result = runStep('build', [noAddress.source, noAddress.metadata, noAddress.build]);
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain('no address');
    expect(existsSync(join(noAddress.build, 'connection.json'))).toBe(false);
  });
});
