import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import {
  INT_RANGES,
  type IsoDate,
  OFFER_SALT_PATTERN,
  fen,
  invalid,
  marshal,
  parseDate,
  parseFen,
  parseJsonArg,
  requireInt,
} from '@scf/ledger-contract';

/** The transient map entry that carries the offer terms, so they never enter the public transaction. */
export const TERMS_TRANSIENT_KEY = 'terms';

/** The digest a public record carries of private bytes (a financing's terms, a prepared offer's). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the bank decides; everything else in the terms is derived from it, the LPR and the dates. */
export interface TermsInput {
  advanceRateBps: number;
  spreadBps: number;
  fees: bigint;
  validUntil: IsoDate;
  /** With or without recourse: the bank must say which, the ledger never assumes. */
  recourse: boolean;
  /**
   * Secret randomness the bank's client chose. Without it the few, mostly public or round inputs
   * could be guessed and checked against the public termsHash (and Fabric's private-data hash).
   */
  salt: string;
}

function requireSalt(value: unknown): string {
  if (typeof value !== 'string' || !OFFER_SALT_PATTERN.test(value)) {
    throw invalid('terms.salt must be 32 to 128 lower-case hex digits (128 to 512 random bits)');
  }
  return value;
}

function requireRecourse(value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw invalid('terms.recourse must be true (with recourse) or false (without recourse)');
  }
  return value;
}

/** The offer terms the caller sent in the transient map, each checked. */
export function readTermsInput(ctx: Context): TermsInput {
  const bytes = ctx.stub.getTransient().get(TERMS_TRANSIENT_KEY);
  if (!bytes || bytes.length === 0) {
    throw invalid(`the offer terms must come in the transient map under "${TERMS_TRANSIENT_KEY}"`);
  }
  const parsed = parseJsonArg(Buffer.from(bytes).toString('utf8'), 'terms');
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid('terms must be a JSON object');
  }
  const input = parsed as Record<string, unknown>;
  return {
    advanceRateBps: requireInt(
      input.advanceRateBps,
      'terms.advanceRateBps',
      INT_RANGES.advanceRateBps.min,
      INT_RANGES.advanceRateBps.max,
    ),
    spreadBps: requireInt(
      input.spreadBps,
      'terms.spreadBps',
      INT_RANGES.spreadBps.min,
      INT_RANGES.spreadBps.max,
    ),
    fees: parseFen(input.fees, 'terms.fees', { allowZero: true }),
    validUntil: parseDate(input.validUntil, 'terms.validUntil'),
    recourse: requireRecourse(input.recourse),
    salt: requireSalt(input.salt),
  };
}

/** Whether the caller sent offer terms in the transient map at all. */
export function hasTermsInput(ctx: Context): boolean {
  return (ctx.stub.getTransient().get(TERMS_TRANSIENT_KEY)?.length ?? 0) > 0;
}

/** The terms as one canonical byte string (sorted keys, fees in fen digits): what is kept and hashed. */
export function termsInputBytes(input: TermsInput): Uint8Array {
  return Buffer.from(marshal({ ...input, fees: fen(input.fees) }));
}
