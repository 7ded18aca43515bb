import { ROLES, type Role } from './session-user.ts';

export interface EnrollmentRequest {
  /** The identity's name at the CA (its certificate's CN). */
  name: string;
  /** The one-time enrollment secret; a random one when absent. */
  secret?: string;
  enterpriseId: string;
  role: Role;
}

export interface Enrollment {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * The org's Fabric CA as the user directory needs it: one call registers an identity carrying
 * scf.enterpriseId and scf.role in its certificate (what the chaincode authorizes by) and enrolls it.
 */
export interface CaRegistrar {
  enroll: (request: EnrollmentRequest) => Promise<Enrollment>;
}

export const CaErrorCodes = {
  /** The CA did not answer (down, wrong address, TLS handshake failed, timed out). */
  Unreachable: 'CA_UNREACHABLE',
  /** The name is taken at the CA (possibly by an identity the network itself registered). */
  AlreadyRegistered: 'CA_ALREADY_REGISTERED',
  /** The request never went out: a name or attribute the CA's attribute syntax cannot carry safely. */
  InvalidRequest: 'CA_INVALID_REQUEST',
  /** Anything else the CA or its client refused; `output` says what. */
  Failed: 'CA_FAILED',
} as const;

export type CaErrorCode = (typeof CaErrorCodes)[keyof typeof CaErrorCodes];

export class CaError extends Error {
  readonly code: CaErrorCode;
  /** What the CA client printed (secrets removed). */
  readonly output: string;

  constructor(code: CaErrorCode, message: string, output = '', options?: ErrorOptions) {
    super(output ? `${message}: ${output}` : message, options);
    this.name = CaError.name;
    this.code = code;
    this.output = output;
  }
}

/** CA names and attribute values end up in comma- and equals-separated flags: allow no separators. */
const CA_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENTERPRISE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Refuses what could smuggle extra attributes into the registration (an enterprise id of
 * `X,hf.Registrar.Roles=*` would otherwise make the user a registrar).
 */
export function checkEnrollmentRequest(request: EnrollmentRequest): void {
  const bad = (what: string): CaError => new CaError(CaErrorCodes.InvalidRequest, what);
  if (!CA_NAME.test(request.name))
    throw bad(`CA identity name "${request.name}" must match ${CA_NAME.source}`);
  if (!ENTERPRISE_ID.test(request.enterpriseId)) {
    throw bad(`enterprise id "${request.enterpriseId}" must match ${ENTERPRISE_ID.source}`);
  }
  if (!(ROLES as readonly string[]).includes(request.role)) throw bad(`unknown role "${request.role}"`);
}
