import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyVault, KeyVaultError } from '../../src/auth/key-vault.ts';

const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';

describe('key vault (AES-256-GCM)', () => {
  const vault = new KeyVault(randomBytes(32));

  it('opens what it sealed; the sealed form shows nothing of the plaintext', () => {
    const sealed = vault.seal(PEM);
    expect(vault.open(sealed)).toBe(PEM);
    expect(sealed).not.toContain('PRIVATE');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('PRIVATE');
    expect(Buffer.from(sealed, 'base64')).toHaveLength(12 + 16 + Buffer.byteLength(PEM));
  });

  it('seals the same plaintext differently each time (fresh IV)', () => {
    expect(vault.seal(PEM)).not.toBe(vault.seal(PEM));
  });

  it('refuses another key', () => {
    const other = KeyVault.fromBase64(randomBytes(32).toString('base64'));
    expect(() => other.open(vault.seal(PEM))).toThrow(KeyVaultError);
  });

  it.each([
    ['the ciphertext', 40],
    ['the tag', 20],
    ['the IV', 3],
  ])('refuses an edit of %s', (_what, at) => {
    const bytes = Buffer.from(vault.seal(PEM), 'base64');
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    expect(() => vault.open(bytes.toString('base64'))).toThrow(KeyVaultError);
  });

  it('refuses a truncated value', () => {
    expect(() => vault.open(Buffer.alloc(20).toString('base64'))).toThrow(KeyVaultError);
  });

  it('wants a 32-byte key', () => {
    expect(() => new KeyVault(randomBytes(16))).toThrow(RangeError);
  });
});
