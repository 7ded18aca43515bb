import { createHash } from 'node:crypto';

/** How a document is named everywhere (file name, table key, ledger field): lower-case hex SHA-256. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
