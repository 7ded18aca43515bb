import { createHash } from 'node:crypto';

/** SHA-256 in lower-case hex: a document digest as clients send it, or a 64-hex id as a fingerprint would be. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
