import type { Context } from 'fabric-contract-api';
import { ClientIdentity, type ChaincodeStub } from 'fabric-shim';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@scf/ledger-contract';
import { isOrgAdmin, requireOrgAdmin } from '../src/lib/org-admin';
import {
  ADMIN_OU_CERT,
  AFFILIATED_ADMIN_CERT,
  CLIENT_OU_CERT,
  NO_OU_CERT,
  SPOOFED_OU_CERT,
} from './support/certificates';
import { MemoryLedger } from './support/memory-stub';

/** A context whose identity is fabric-shim's own ClientIdentity, built from a certificate as a peer sends it. */
function contextOf(certificate: string): Context {
  const stub = {
    getCreator: () => ({ mspid: 'CoreFirmMSP', idBytes: Buffer.from(certificate) }),
    getChannelID: () => 'scf',
    getTxID: () => 'tx1',
  } as unknown as ChaincodeStub;
  return { clientIdentity: new ClientIdentity(stub) } as unknown as Context;
}

describe('isOrgAdmin with fabric-shim ClientIdentity', () => {
  it.each([
    ['the org admin identity (OU=admin)', ADMIN_OU_CERT, true],
    ['an admin with affiliation OUs in one multi-valued RDN', AFFILIATED_ADMIN_CERT, true],
    ['a client (OU=client)', CLIENT_OU_CERT, false],
    ['a client whose CSR locality is "x/y/OU=admin"', SPOOFED_OU_CERT, false],
    ['a certificate without any OU', NO_OU_CERT, false],
  ])('%s → %s', (_, certificate, expected) => {
    expect(isOrgAdmin(contextOf(certificate))).toBe(expected);
  });

  it('reads the certificate, not getID(), where a chosen subject value can pose as an OU', () => {
    const identity = contextOf(SPOOFED_OU_CERT).clientIdentity;
    // fabric-shim escapes only the first "/" of each value, so the id shows an OU=admin that is not there.
    expect(identity.getID()).toContain('/L=x\\/y/OU=admin/');
    expect(isOrgAdmin(contextOf(SPOOFED_OU_CERT))).toBe(false);
  });
});

describe('requireOrgAdmin', () => {
  it('returns the MSP of an admin by attribute or by OU, refuses anyone else with FORBIDDEN', () => {
    const ledger = new MemoryLedger();
    const byAttribute = ledger.context({ mspId: 'BankAMSP', attrs: { 'scf.role': 'admin' } });
    const byOu = ledger.context({ mspId: 'BankBMSP', certificate: ADMIN_OU_CERT });
    expect(requireOrgAdmin(byAttribute, 'x')).toBe('BankAMSP');
    expect(requireOrgAdmin(byOu, 'x')).toBe('BankBMSP');
    for (const caller of [
      { mspId: 'SupplierMSP', attrs: { 'scf.role': 'approver' } },
      { mspId: 'SupplierMSP', certificate: 'garbage' },
      { mspId: 'SupplierMSP' },
    ]) {
      expect(() => requireOrgAdmin(ledger.context(caller), 'do it')).toThrow(
        expect.objectContaining({ code: ErrorCodes.Forbidden }),
      );
    }
  });
});
