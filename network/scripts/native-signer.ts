import { sign, type KeyObject } from 'node:crypto';
import type { Signer } from '@hyperledger/fabric-gateway';

/** Orders of the curves Fabric identities use: a signature's s must not exceed half of it. */
const ORDERS: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1:
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

const bigOf = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

function bytesOf(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');
}

/** A DER INTEGER of unsigned big-endian bytes: leading zeros dropped, one added before a high bit. */
function derInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const digits = bytes.subarray(start);
  const body = (digits[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits;
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/**
 * Fabric's ECDSA signature of a whole message, by Node's own crypto (OpenSSL): SHA-256 and sign in one
 * native call, then s brought to the lower half of the curve order (Fabric refuses the other half) and
 * the pair DER-encoded. Goes with the gateway's `hash.none`, which hands the signer the message itself.
 * fabric-gateway's own signer computes the same in JavaScript (@noble/curves): 20 times the CPU, three
 * signatures per transaction.
 */
export function newNativeSigner(key: KeyObject): Signer {
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  const order = ORDERS[curve];
  if (key.asymmetricKeyType !== 'ec' || order === undefined) {
    throw new Error(
      `a Fabric identity's key must be ECDSA on P-256 or P-384, not ${key.asymmetricKeyType ?? '?'} ${curve}`,
    );
  }
  const half = order >> 1n;
  return (message) => {
    const pair = sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' });
    const size = pair.length / 2;
    const s = bigOf(pair.subarray(size));
    const low = s > half ? bytesOf(order - s, size) : pair.subarray(size);
    const body = Buffer.concat([derInteger(pair.subarray(0, size)), derInteger(low)]);
    return Promise.resolve(new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body])));
  };
}
