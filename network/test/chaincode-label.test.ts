import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chaincodeLabel, packageId } from '../scripts/chaincode-package.ts';

function chaincodeDir(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scf-cc-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.js'), code);
  writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
  return dir;
}

describe('chaincode label', () => {
  it('is stable for the same build and changes with the code', () => {
    const a = chaincodeLabel('scf', chaincodeDir('module.exports = 1;'));
    expect(a).toMatch(/^scf_[0-9a-f]{12}$/);
    expect(chaincodeLabel('scf', chaincodeDir('module.exports = 1;'))).toBe(a);
    expect(chaincodeLabel('scf', chaincodeDir('module.exports = 2;'))).not.toBe(a);
  });

  it('refuses an unbuilt chaincode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-cc-'));
    expect(() => chaincodeLabel('scf', dir)).toThrow(/not built/);
  });

  it('derives the package id from the label and the package bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-pkg-'));
    const file = join(dir, 'p.tar.gz');
    writeFileSync(file, 'abc');
    expect(packageId('scf_1', file)).toBe(
      'scf_1:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
