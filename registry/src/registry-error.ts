/** The codes the registry answers errors with, in a JSON body `{ code, message }`. */
export const RegistryErrorCodes = {
  InvalidRequest: 'INVALID_REQUEST',
  AlreadyRegistered: 'ALREADY_REGISTERED',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  TooLarge: 'REQUEST_TOO_LARGE',
  Internal: 'INTERNAL',
} as const;

export type RegistryErrorCode = (typeof RegistryErrorCodes)[keyof typeof RegistryErrorCodes];

const STATUS: { readonly [Code in RegistryErrorCode]: number } = {
  INVALID_REQUEST: 400,
  ALREADY_REGISTERED: 409,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_TOO_LARGE: 413,
  INTERNAL: 500,
};

/** A refusal the registry answers with its HTTP status and a typed body; `extra` joins the body. */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly status: number;
  readonly extra: Record<string, unknown>;

  constructor(code: RegistryErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = RegistryError.name;
    this.code = code;
    this.status = STATUS[code];
    this.extra = extra;
  }
}

export const invalidRequest = (message: string): RegistryError =>
  new RegistryError(RegistryErrorCodes.InvalidRequest, message);
