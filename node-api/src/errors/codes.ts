import { ErrorCodes } from '@scf/ledger-contract';

/**
 * Every code a client of the node API may branch on: `extensions.code` on a GraphQL error, `code` in
 * the JSON body of any other route. The ledger's own codes pass through unchanged; the node adds its
 * own for what never reaches the ledger or fails on the way. The schema publishes the list as the
 * `ErrorCode` enum (schema/error-code.ts), from which the portal's client is generated.
 */
export const NodeErrorCodes = {
  ...ErrorCodes,
  Unauthenticated: 'UNAUTHENTICATED',
  RateLimited: 'RATE_LIMITED',
  AccountLocked: 'ACCOUNT_LOCKED',
  Tampered: 'TAMPERED',
  DocumentNotOwned: 'DOCUMENT_NOT_OWNED',
  LedgerUnavailable: 'LEDGER_UNAVAILABLE',
  RegistryUnavailable: 'REGISTRY_UNAVAILABLE',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  ChaincodeUnavailable: 'CHAINCODE_UNAVAILABLE',
  EndorsementPolicyFailure: 'ENDORSEMENT_POLICY_FAILURE',
  OrderingUnavailable: 'ORDERING_UNAVAILABLE',
  CommitFailed: 'COMMIT_FAILED',
  Conflict: 'CONFLICT',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInUse: 'IDEMPOTENCY_KEY_IN_USE',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  TooLarge: 'REQUEST_ENTITY_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Internal: 'INTERNAL',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

/** A code of the node API: the ledger's or the node's own. */
export type ApiErrorCode = (typeof NodeErrorCodes)[keyof typeof NodeErrorCodes];

/** What each code means to a client (the `ErrorCode` enum's documentation); one entry per code. */
export const ERROR_CODE_MEANINGS: { readonly [Code in ApiErrorCode]: string } = {
  INVALID_ARGUMENT: 'An input breaks a rule (format, range, length); the message names it.',
  NOT_FOUND: 'No such object, or none the caller may see.',
  FORBIDDEN: "The caller's role, enterprise or org may not do this.",
  ALREADY_EXISTS: 'The object exists already (an invoice, an enterprise, a user).',
  INVALID_STATE: 'The object is not in a state that allows this step.',
  DELIVERY_NOT_CONFIRMED: 'An invoice may be confirmed only once its delivery is confirmed or waived.',
  AMOUNT_EXCEEDED:
    'A transfer exceeds the unpaid amount of the invoice behind it, or a dispute the amount of its voucher.',
  CREDIT_LIMIT_EXCEEDED: "The bank's available credit line for the debtor does not cover this.",
  NOT_MATURE: 'The voucher is not yet due.',
  OFFER_EXPIRED: "The offer's validity has passed.",
  TERM_TOO_LONG:
    'The voucher would mature more than a year after its confirmation (银发〔2025〕77号); the message ' +
    'names the latest maturity allowed.',
  REGISTRATION_REQUIRED:
    'A financing is disbursed only with its registration at the movable-property financing registry ' +
    '(中登), made by its bank (银发〔2025〕77号).',
  REGISTRY_CONFLICT:
    'The registry holds an earlier registration of the receivable by another party (民法典 Art. 768): ' +
    'nothing was registered or disbursed.',
  DISPUTED:
    'Its debtor disputes this part of the voucher (保障中小企业款项支付条例 Art. 15): it is frozen (not ' +
    'paid, passed on or financed) until its holder accepts or withdraws the dispute.',
  EXPOSURE_CAP_EXCEEDED:
    'Offering or disbursing this would take what all banks together financed against the core enterprise ' +
    "above the consortium charter's cap for it (银发〔2025〕77号); the message names the figures.",
  FOUR_EYES_REQUIRED:
    'The enterprise has four eyes on: this money-moving action must be prepared (prepareAction) and ' +
    'approved by another identity (approveAction); it cannot be done directly.',
  FOUR_EYES_SAME_IDENTITY: 'The identity that prepared an action may not approve it; another approver must.',
  NO_EARLY_PAYMENT_OFFER:
    "The early-payment offer named is not an open offer of the voucher's debtor (closed, or another debtor's).",
  EARLY_PAYMENT_AFTER_MATURITY:
    'The voucher matures on or before the business date: it is simply due, not paid early.',
  EARLY_PAYMENT_BUDGET_EXCEEDED:
    "What paying this voucher early costs its debtor is more than its offer's budget has left; nothing was paid.",
  NO_RECOURSE:
    'The financing was offered without recourse: its bank bears the debtor’s default and cannot put the voucher back.',
  RELEASE_CONSENT_REQUIRED:
    'The warehouse receipt is pledged for a financing that is not settled: its bank must consent to the release first.',
  UNAUTHENTICATED: 'No session, or a login that failed.',
  RATE_LIMITED:
    "Too many requests, or too many failed logins from the caller's address (`retryAfterSeconds`).",
  ACCOUNT_LOCKED: 'Too many failed logins for the account: refused unchecked for `retryAfterSeconds`.',
  TAMPERED: 'A stored document no longer matches its hash, so it is not served.',
  DOCUMENT_NOT_OWNED: "A document hash the caller's enterprise did not upload to this node.",
  LEDGER_UNAVAILABLE:
    "The ledger or the org's certificate authority could not be reached in time; try again.",
  REGISTRY_UNAVAILABLE:
    'The movable-property financing registry could not be reached in time (or this node has none): ' +
    'nothing was registered on the ledger; try again.',
  DATABASE_UNAVAILABLE:
    "The node's database does not answer (down or restarting): HTTP 503; try again after `retryAfterSeconds`.",
  CHAINCODE_UNAVAILABLE:
    'The endorsing peer could not reach or start the chaincode: nothing was written; try again later.',
  ENDORSEMENT_POLICY_FAILURE:
    'Not enough organisations endorsed the transaction (peers unreachable, or the policy was not met): ' +
    'nothing was written.',
  ORDERING_UNAVAILABLE: 'The ordering service did not take the transaction: nothing was written; try again.',
  COMMIT_FAILED:
    'Endorsed and ordered, but the peers invalidated the transaction; the message has its validation code.',
  CONFLICT: 'The transaction kept conflicting with concurrent ones on the same records, after every retry.',
  IDEMPOTENCY_KEY_REUSED:
    'This `clientRequestId` (or `Idempotency-Key`) was first used for another mutation or other arguments.',
  IDEMPOTENCY_KEY_IN_USE:
    'An earlier request with this `clientRequestId` is still being endorsed; ask again in a moment.',
  QUERY_TOO_COMPLEX: 'Over a depth, alias, token or cost limit.',
  REQUEST_ENTITY_TOO_LARGE: 'A request or document body over the size limit.',
  UNSUPPORTED_MEDIA_TYPE: 'A body of a media type the route does not take.',
  METHOD_NOT_ALLOWED: 'A route asked with an HTTP method it does not answer (see the `allow` header).',
  INTERNAL: 'A failure on a route beside GraphQL that the node only logs.',
  INTERNAL_SERVER_ERROR: "A failure in GraphQL that the node only logs (graphql-yoga's masked error).",
};

const KNOWN: readonly string[] = Object.values(NodeErrorCodes);

/** Whether a string is one of the node API's codes. */
export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && KNOWN.includes(value);
}
