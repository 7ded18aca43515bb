import { createRequire } from 'node:module';
import { ClientIdentity, type ChaincodeStub } from 'fabric-shim';
import { describe, expect, it, vi } from 'vitest';
import { KEPT_CERTIFICATES, reuseParsedCertificates } from '../src/lib/creator-certificates';
import { ADMIN_OU_CERT, CLIENT_OU_CERT, NO_OU_CERT } from './support/certificates';

interface CertificateClass {
  fromPEM: (data: Buffer | string) => { subject: { commonName: string } };
}

/** The @fidm/x509 that fabric-shim parses creators with. */
function shimCertificates(): CertificateClass {
  const fromShim = createRequire(require.resolve('fabric-shim'));
  return (fromShim('@fidm/x509') as { Certificate: CertificateClass }).Certificate;
}

/** A stub that only says who submitted the transaction. */
function stubOf(mspid: string, pem: string): ChaincodeStub {
  return {
    getChannelID: () => 'scf',
    getTxID: () => 'tx1',
    getCreator: () => ({ mspid, idBytes: new TextEncoder().encode(pem) }),
  } as unknown as ChaincodeStub;
}

describe('creator certificates', () => {
  it('parses a certificate once and hands the same result to every later identity', () => {
    reuseParsedCertificates();
    reuseParsedCertificates();
    const Certificate = shimCertificates();
    const first = Certificate.fromPEM(CLIENT_OU_CERT);
    expect(Certificate.fromPEM(Buffer.from(CLIENT_OU_CERT))).toBe(first);
    const other = Certificate.fromPEM(ADMIN_OU_CERT);
    expect(other).not.toBe(first);
    expect(other.subject.commonName).toBe('coreadmin');
    expect(first.subject.commonName).toBe('user1');
  });

  it('is not wrapped again by a second copy of the module (as test files sharing a process load it)', async () => {
    reuseParsedCertificates();
    const patched = shimCertificates().fromPEM;
    vi.resetModules();
    const copy = await vi.importActual<{ reuseParsedCertificates: () => void }>(
      '../src/lib/creator-certificates',
    );
    expect(copy.reuseParsedCertificates).not.toBe(reuseParsedCertificates);
    copy.reuseParsedCertificates();
    expect(shimCertificates().fromPEM).toBe(patched);
  });

  it('still gives each transaction its own creator’s identity', () => {
    reuseParsedCertificates();
    const user = new ClientIdentity(stubOf('SupplierMSP', CLIENT_OU_CERT));
    const admin = new ClientIdentity(stubOf('CoreFirmMSP', ADMIN_OU_CERT));
    const again = new ClientIdentity(stubOf('SupplierMSP', CLIENT_OU_CERT));
    expect(user.getID()).toContain('CN=user1');
    expect(admin.getID()).toContain('CN=coreadmin');
    expect(admin.getMSPID()).toBe('CoreFirmMSP');
    expect(again.getID()).toBe(user.getID());
  });

  it('keeps a bounded number, dropping the least recently used', () => {
    reuseParsedCertificates();
    const Certificate = shimCertificates();
    // The same certificate under other spellings (trailing line feeds) is another entry each.
    const spelling = (index: number): string => `${ADMIN_OU_CERT}${'\n'.repeat(index)}`;
    // Whatever earlier tests left is pushed out first, so that only this test's entries count.
    for (let index = 1; index <= KEPT_CERTIFICATES; index += 1) {
      Certificate.fromPEM(`${NO_OU_CERT}${'\n'.repeat(index)}`);
    }
    const kept = Certificate.fromPEM(CLIENT_OU_CERT);
    const oldest = Certificate.fromPEM(spelling(1));
    expect(Certificate.fromPEM(spelling(1))).toBe(oldest);
    for (let index = 2; index <= KEPT_CERTIFICATES; index += 1) {
      Certificate.fromPEM(spelling(index));
      if (index === KEPT_CERTIFICATES / 2) expect(Certificate.fromPEM(CLIENT_OU_CERT)).toBe(kept);
    }
    // Used half-way through, so still kept; the oldest spelling was dropped and is parsed anew.
    expect(Certificate.fromPEM(CLIENT_OU_CERT)).toBe(kept);
    expect(Certificate.fromPEM(spelling(1))).not.toBe(oldest);
  });
});
