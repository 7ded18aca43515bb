import type { ApiErrorCode } from './codes.ts';

/**
 * An expected refusal outside GraphQL (a document route, or the store behind one), told apart by its
 * code: the route answers it as `{ code, message }` with the message for people.
 */
export class NodeError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = NodeError.name;
    this.code = code;
  }
}
