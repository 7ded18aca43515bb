import { describe, expect, it } from 'vitest';
import type { LedgerRecord } from '@scf/ledger-contract';
import { toRow } from '../../src/projector/rows.ts';

const stamp = {
  createdAt: '2025-06-20T01:00:00.000Z',
  updatedAt: '2025-06-20T01:00:00.000Z',
  txId: 't',
  updatedBy: 'x/admin@BankAMSP',
};

describe('rows of ledger records', () => {
  it('reads a rate written before the quorum rule (no status, no attestations) as published', () => {
    const legacy = {
      docType: 'rate',
      id: '1Y:2025-06-20',
      tenor: '1Y',
      rateBps: 300,
      effectiveDate: '2025-06-20',
      publishedBy: 'BANK',
      ...stamp,
    } as LedgerRecord;
    expect(toRow(legacy, 3n)).toMatchObject({ status: 'PUBLISHED', attestations: [], rateBps: 300 });
  });

  it('keeps a rate’s status and every attestation', () => {
    const attestations = [
      { mspId: 'BankAMSP', enterpriseId: 'A', rateBps: 305 },
      { mspId: 'BankBMSP', enterpriseId: 'B', rateBps: 310 },
    ];
    const rate = {
      docType: 'rate',
      id: '1Y:2025-07-20',
      tenor: '1Y',
      rateBps: 310,
      effectiveDate: '2025-07-20',
      publishedBy: 'B',
      status: 'PROPOSED',
      attestations,
      ...stamp,
    } as LedgerRecord;
    expect(toRow(rate, 4n)).toMatchObject({ status: 'PROPOSED', attestations });
  });
});
