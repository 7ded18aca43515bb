import { createHash } from 'node:crypto';

/** How a document is named everywhere (file name, table key, ledger field): lower-case hex SHA-256. */
export { SHA256_HEX } from '@scf/ledger-contract';

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
