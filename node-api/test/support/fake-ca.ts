import type { CaRegistrar, Enrollment, EnrollmentRequest } from '../../src/auth/ca-registrar.ts';
import { selfSignedCertificate } from './certificates.ts';

/**
 * Stands in for the org's Fabric CA: issues a real self-signed P-256 certificate carrying the
 * requested attributes, remembers every request, and fails on demand.
 */
export class FakeCa implements CaRegistrar {
  readonly requests: EnrollmentRequest[] = [];
  /** Thrown by the next enrollments while set. */
  failure: Error | null = null;
  /** Runs inside enroll, before it answers: lets a test act between the CA and the insert. */
  during: (() => Promise<void>) | null = null;

  async enroll(request: EnrollmentRequest): Promise<Enrollment> {
    this.requests.push(request);
    if (this.failure) throw this.failure;
    await this.during?.();
    return selfSignedCertificate(request.name, {
      'hf.EnrollmentID': request.name,
      'scf.enterpriseId': request.enterpriseId,
      'scf.role': request.role,
    });
  }
}
