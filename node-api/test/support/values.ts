import { createHash } from 'node:crypto';

export { cstDay as cstDate } from '../../src/demo/calendar.ts';

/** SHA-256 in hex: stands in for a document's digest. */
export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
