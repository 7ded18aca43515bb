/**
 * Stable codes clients branch on; the message is for people. The chaincode fails with them, the node
 * API passes them on unchanged as `extensions.code`, and the portal's generated client knows them.
 */
export const ErrorCodes = {
  InvalidArgument: 'INVALID_ARGUMENT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  AlreadyExists: 'ALREADY_EXISTS',
  InvalidState: 'INVALID_STATE',
  DeliveryNotConfirmed: 'DELIVERY_NOT_CONFIRMED',
  AmountExceeded: 'AMOUNT_EXCEEDED',
  CreditLimitExceeded: 'CREDIT_LIMIT_EXCEEDED',
  NotMature: 'NOT_MATURE',
  OfferExpired: 'OFFER_EXPIRED',
  TermTooLong: 'TERM_TOO_LONG',
  RegistrationRequired: 'REGISTRATION_REQUIRED',
  RegistryConflict: 'REGISTRY_CONFLICT',
  Disputed: 'DISPUTED',
  ExposureCapExceeded: 'EXPOSURE_CAP_EXCEEDED',
  FourEyesRequired: 'FOUR_EYES_REQUIRED',
  FourEyesSameIdentity: 'FOUR_EYES_SAME_IDENTITY',
  NoEarlyPaymentOffer: 'NO_EARLY_PAYMENT_OFFER',
  EarlyPaymentAfterMaturity: 'EARLY_PAYMENT_AFTER_MATURITY',
  EarlyPaymentBudgetExceeded: 'EARLY_PAYMENT_BUDGET_EXCEEDED',
  /** A buy-back demanded of a financing offered without recourse: the bank bears the default. */
  NoRecourse: 'NO_RECOURSE',
  /** The goods of a receipt pledged for an unsettled financing asked out before its bank consented. */
  ReleaseConsentRequired: 'RELEASE_CONSENT_REQUIRED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * A rule broken: a rejected transaction on the ledger, or an input the node API refuses before it
 * gets there. The message starts with the code in brackets so that clients, which only see the
 * message through the gateway, can recover the code without parsing prose; `detail` is the prose.
 */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    super(`[${code}] ${detail}`);
    this.name = ContractError.name;
    this.code = code;
    this.detail = detail;
  }
}

const CODE_PATTERN = /\[([A-Z_]+)\]/;
const KNOWN: readonly string[] = Object.values(ErrorCodes);

/** Whether a string is one of the ledger's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.includes(value);
}

/** Recovers the code of a ContractError from an error message, if it carries one. */
export function errorCodeOf(message: string): ErrorCode | undefined {
  const code = CODE_PATTERN.exec(message)?.[1];
  return isErrorCode(code) ? code : undefined;
}

export const invalid = (detail: string): ContractError =>
  new ContractError(ErrorCodes.InvalidArgument, detail);
export const forbidden = (detail: string): ContractError => new ContractError(ErrorCodes.Forbidden, detail);
export const invalidState = (detail: string): ContractError =>
  new ContractError(ErrorCodes.InvalidState, detail);
