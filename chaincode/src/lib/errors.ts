/** Stable codes clients branch on; the message is for people. */
export const ErrorCodes = {
  InvalidArgument: 'INVALID_ARGUMENT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
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
