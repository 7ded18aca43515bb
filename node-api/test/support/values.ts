import { createHash } from 'node:crypto';
import { cstDay } from '../../src/demo/calendar.ts';
import { offerSalt } from '../../src/ledger/index.ts';

export { cstDay as cstDate };

/** SHA-256 in hex: stands in for a document's digest. */
export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A bank's private offer terms as the chaincode takes them (transient), valid for five days, freshly salted. */
export function offerTerms(terms: { advanceRateBps: number; spreadBps: number; fees: string }): {
  advanceRateBps: number;
  spreadBps: number;
  fees: string;
  validUntil: string;
  recourse: boolean;
  salt: string;
} {
  return { ...terms, validUntil: cstDay(5), recourse: false, salt: offerSalt() };
}
