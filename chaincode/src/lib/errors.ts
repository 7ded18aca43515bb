/** Stable codes clients branch on; the message is for people. The node API maps them to GraphQL codes. */
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
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * A rejected transaction. The message starts with the code in brackets so that clients, which only
 * see the message through the gateway, can recover the code without parsing prose.
 */
export class ChaincodeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(`[${code}] ${message}`);
    this.name = ChaincodeError.name;
    this.code = code;
  }
}

const CODE_PATTERN = /\[([A-Z_]+)\]/;

/** Recovers the code of a ChaincodeError from an error message, if it carries one. */
export function errorCodeOf(message: string): ErrorCode | undefined {
  const code = CODE_PATTERN.exec(message)?.[1];
  return Object.values(ErrorCodes).find((known) => known === code);
}

export const invalid = (message: string): ChaincodeError =>
  new ChaincodeError(ErrorCodes.InvalidArgument, message);
export const forbidden = (message: string): ChaincodeError =>
  new ChaincodeError(ErrorCodes.Forbidden, message);
export const invalidState = (message: string): ChaincodeError =>
  new ChaincodeError(ErrorCodes.InvalidState, message);
