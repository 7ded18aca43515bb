/**
 * Codes a portal branches on: the node's own and the ledger's (`extensions.code` on GraphQL errors,
 * `code` in the JSON body of /documents), plus two for failures that never reached an answer.
 */
export const ErrorCodes = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  InvalidArgument: 'INVALID_ARGUMENT',
  NotFound: 'NOT_FOUND',
  AlreadyExists: 'ALREADY_EXISTS',
  InvalidState: 'INVALID_STATE',
  DeliveryNotConfirmed: 'DELIVERY_NOT_CONFIRMED',
  AmountExceeded: 'AMOUNT_EXCEEDED',
  CreditLimitExceeded: 'CREDIT_LIMIT_EXCEEDED',
  NotMature: 'NOT_MATURE',
  OfferExpired: 'OFFER_EXPIRED',
  RateLimited: 'RATE_LIMITED',
  AccountLocked: 'ACCOUNT_LOCKED',
  DocumentNotOwned: 'DOCUMENT_NOT_OWNED',
  Tampered: 'TAMPERED',
  LedgerUnavailable: 'LEDGER_UNAVAILABLE',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  TooLarge: 'REQUEST_ENTITY_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** The node could not be reached (offline, refused, CORS). */
  Network: 'NETWORK',
  /** An answer the portal could not read, or a masked server error. */
  Internal: 'INTERNAL',
} as const;

export type KnownErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A refusal or failure from the node API, told apart by `code`, never by its message. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status, when there was a response. */
  readonly status: number | null;
  /** The ledger transaction that failed, when the node reports it. */
  readonly transactionId: string | null;

  constructor(
    code: string,
    message: string,
    details: { status?: number | null; transactionId?: string | null; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = ApiError.name;
    this.code = code;
    this.status = details.status ?? null;
    this.transactionId = details.transactionId ?? null;
  }
}

/** Any thrown value as an ApiError (a bug in the portal becomes INTERNAL). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(ErrorCodes.Internal, message, { cause: error });
}
