import { describe, expect, it } from 'vitest';
import {
  consentToRelease,
  ErrorCodes,
  freeReceipt,
  pledgeReceipt,
  releaseReceipt,
  requestRelease,
  transferReceipt,
  type WarehouseReceipt,
} from '../src/index.ts';

const AT = '2026-01-05T02:00:00.000Z';
const issued: WarehouseReceipt = {
  docType: 'warehousereceipt',
  id: 'R1',
  number: 'WR-1',
  keeperId: 'KEEPER',
  ownerId: 'OWNER',
  goods: 'copper',
  quantity: 10,
  unit: 't',
  location: 'bay 1',
  inspectionDocHash: 'ab'.repeat(32),
  status: 'ISSUED',
  issuedAt: AT,
  createdAt: AT,
  updatedAt: AT,
  txId: 'tx',
  updatedBy: 'KEEPER',
};
const pledged = pledgeReceipt(issued, 'F1');
const consent = { bankId: 'BANK', financingId: 'F1', consentedAt: AT };

describe('warehouse receipt rules', () => {
  it('pledges only an ISSUED receipt: never a second time', () => {
    expect(pledged).toMatchObject({ status: 'PLEDGED', financingId: 'F1' });
    expect(() => pledgeReceipt(pledged, 'F2')).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
  });

  it('transfers only an ISSUED receipt, to someone else', () => {
    expect(transferReceipt(issued, 'OTHER').ownerId).toBe('OTHER');
    expect(() => transferReceipt(pledged, 'OTHER')).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
    expect(() => transferReceipt(issued, 'OWNER')).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidArgument }),
    );
  });

  it('releases a pledged receipt only with the consent of its bank, a free one without', () => {
    expect(() => requestRelease(pledged, AT)).toThrow(
      expect.objectContaining({ code: ErrorCodes.ReleaseConsentRequired }),
    );
    expect(requestRelease(consentToRelease(pledged, consent), AT).status).toBe('RELEASE_REQUESTED');
    expect(requestRelease(issued, AT)).toMatchObject({ status: 'RELEASE_REQUESTED', releaseRequestedAt: AT });
  });

  it('takes a consent once, for the financing the receipt is pledged for', () => {
    const consented = consentToRelease(pledged, consent);
    expect(() => consentToRelease(consented, consent)).toThrow(
      expect.objectContaining({ code: ErrorCodes.AlreadyExists }),
    );
    expect(() => consentToRelease(pledged, { ...consent, financingId: 'F0' })).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
    expect(() => consentToRelease(issued, consent)).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
  });

  it('lets goods out only on a requested release, once', () => {
    const released = releaseReceipt(requestRelease(issued, AT), AT);
    expect(released).toMatchObject({ status: 'RELEASED', releasedAt: AT });
    expect(() => releaseReceipt(released, AT)).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
    expect(() => releaseReceipt(pledged, AT)).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
    expect(() => requestRelease(released, AT)).toThrow(
      expect.objectContaining({ code: ErrorCodes.InvalidState }),
    );
  });

  it('frees a pledged receipt when its financing ends; one on its way out keeps going with its consent', () => {
    expect(freeReceipt(consentToRelease(pledged, consent))).toEqual(issued);
    const leaving = requestRelease(consentToRelease(pledged, consent), AT);
    const freed = freeReceipt(leaving);
    expect(freed.status).toBe('RELEASE_REQUESTED');
    expect(freed.financingId).toBeUndefined();
    expect(freed.releaseConsent).toEqual(consent);
  });
});
