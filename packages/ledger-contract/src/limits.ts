import type { TextRule } from './validation.ts';

/** Invoice and waybill numbers: letters, digits and `-_/`. */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9\-_/]+$/;

/**
 * The text each kind of field may hold on the ledger; the node API checks its inputs with the same
 * rules before anything reaches the ledger, and the portal's forms with the same maxima.
 */
export const TEXT_RULES = {
  /**
   * An object's id as the API and the ledger take it. The longest the ledger makes: a voucher piece
   * at the lineage limit (64 hex digits of the root, then `.n` with n ≤ MAX_PIECES for each of 64
   * splits: 256) that a financing names (`:` and 16 more: 273).
   */
  id: { max: 300 },
  /** An enterprise's name. */
  name: { max: 200 },
  /** Invoice and waybill numbers. */
  documentNumber: { max: 64, pattern: DOCUMENT_NUMBER },
  /** A purchase order number (free form). */
  orderNumber: { max: 64 },
  /** Why an invoice or a financing was rejected: the only free text that may span lines. */
  reason: { max: 500, multiline: true },
  /** The bank's or the debtor's payment reference. */
  paymentReference: { max: 64 },
  /** Where goods were picked up or delivered, or where a warehouse keeps them. */
  place: { max: 200 },
  /** What goods a warehouse receipt is for. */
  goods: { max: 200 },
  /** The unit a warehouse receipt counts its goods in (t, kg, pallets). */
  unit: { max: 16 },
} as const satisfies Record<string, TextRule>;

export type TextField = keyof typeof TEXT_RULES;

/** An inclusive range of whole numbers. */
export interface IntRange {
  min: number;
  max: number;
}

/** Bounds of the whole numbers the ledger takes, in basis points (1 bp = 0.01 %) or counts. */
export const INT_RANGES = {
  /** Share of the face amount a bank advances. */
  advanceRateBps: { min: 1, max: 10_000 },
  /**
   * Over or under the LPR: a bank may price a strong debtor's paper below the LPR; the annual rate
   * (LPR + spread) must still be positive, which the ledger checks with the LPR of the day.
   */
  spreadBps: { min: -500, max: 5_000 },
  /** A published benchmark rate. */
  rateBps: { min: 1, max: 10_000 },
  /** A late-interest rate agreed at confirmation (annual; decree 802 Art. 17 floors it at the 1Y LPR). */
  lateInterestBps: { min: 1, max: 10_000 },
  /**
   * An early-payment discount (annual): at most 24 % a year, the rate above which courts stopped
   * protecting private lending interest; the holder still decides whether to take it.
   */
  earlyPaymentBps: { min: 1, max: 2_400 },
  /** A supplier tier an early-payment offer names a rate for (a voucher's depth in its lineage). */
  supplierTier: { min: 0, max: 64 },
  /** Items of one page of a ledger query. */
  pageSize: { min: 1, max: 100 },
  /** Vouchers one overdue sweep marks. */
  sweepLimit: { min: 1, max: 200 },
  /** Whole units of goods on one warehouse receipt. */
  receiptQuantity: { min: 1, max: 2_000_000_000 },
} as const satisfies Record<string, IntRange>;

/** Whether a value is a whole number within the range. */
export function isIntWithin(value: unknown, range: IntRange): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** Pieces one split may create. */
export const MAX_PIECES = 50;
/** Parent links a lineage walk follows before it gives up (a guard against corrupt, cyclic data). */
export const MAX_LINEAGE_STEPS = 64;
/** Versions `ledger:GetHistory` returns at most. */
export const MAX_HISTORY = 500;
/** The random salt a bank's client puts in an offer's private terms: 128 to 512 bits in hex. */
export const OFFER_SALT_PATTERN = /^[0-9a-f]{32,128}$/;
