import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newNativeSigner } from '../scripts/native-signer.ts';

const P256_HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

/** r and s of a DER ECDSA signature, checking its structure on the way. */
function derPair(signature: Uint8Array): { r: bigint; s: bigint } {
  const der = Buffer.from(signature);
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  const integers: bigint[] = [];
  for (let at = 2; at < der.length;) {
    expect(der[at]).toBe(0x02);
    const length = der[at + 1] ?? 0;
    const body = der.subarray(at + 2, at + 2 + length);
    // Minimal: no needless leading zero, never negative.
    expect((body[0] ?? 0) & 0x80).toBe(0);
    if (body.length > 1) expect(body[0] !== 0 || ((body[1] ?? 0) & 0x80) !== 0).toBe(true);
    integers.push(BigInt(`0x${body.toString('hex')}`));
    at += 2 + length;
  }
  expect(integers).toHaveLength(2);
  return { r: integers[0] ?? 0n, s: integers[1] ?? 0n };
}

describe('the native signer', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = newNativeSigner(privateKey);

  it('signs SHA-256 of the message verifiably, always with the low s Fabric requires', async () => {
    for (let n = 0; n < 64; n += 1) {
      const message = Buffer.from(`transaction ${String(n)}`);
      const signature = await signer(message);
      expect(verify('sha256', message, publicKey, signature)).toBe(true);
      expect(verify('sha256', Buffer.from('another'), publicKey, signature)).toBe(false);
      expect(derPair(signature).s <= P256_HALF_ORDER).toBe(true);
    }
  });

  it('refuses a key Fabric identities do not use', () => {
    const { privateKey: ed } = generateKeyPairSync('ed25519');
    const { privateKey: k1 } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    expect(() => newNativeSigner(ed)).toThrow(/P-256 or P-384/);
    expect(() => newNativeSigner(k1)).toThrow(/P-256 or P-384/);
  });
});
