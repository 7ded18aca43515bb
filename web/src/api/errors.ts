import { ErrorCode } from './generated/graphql';

/**
 * Codes a portal branches on: every code of the node API (its `ErrorCode` enum, generated from
 * node-api/schema.graphql: the ledger's and the node's own, as `extensions.code` on GraphQL errors and
 * `code` in the JSON body of /documents), plus two for failures that never reached an answer.
 */
export const ErrorCodes = {
  ...ErrorCode,
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
