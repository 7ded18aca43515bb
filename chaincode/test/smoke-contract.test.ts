import { describe, expect, it } from 'vitest';
import { SmokeContract } from '../src/contracts/smoke-contract';
import { MemoryLedger } from './support/memory-stub';

const bankApprover = { mspId: 'BankAMSP', attrs: { 'scf.enterpriseId': 'BANKA', 'scf.role': 'approver' } };

describe('SmokeContract in production', () => {
  it('has no write: PutNote and GetNote live in the test-only contract', () => {
    const contract = new SmokeContract() as unknown as Record<string, unknown>;
    expect(contract.PutNote).toBeUndefined();
    expect(contract.GetNote).toBeUndefined();
    expect(typeof contract.WhoAmI).toBe('function');
  });
});

describe('SmokeContract.WhoAmI', () => {
  it('reports the caller MSP and its scf attributes', async () => {
    const ledger = new MemoryLedger();
    const me = JSON.parse(await new SmokeContract().WhoAmI(ledger.context(bankApprover))) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({ mspId: 'BankAMSP', enterpriseId: 'BANKA', role: 'approver' });
  });

  it('reports null attributes for a certificate without them', async () => {
    const ledger = new MemoryLedger();
    const me = JSON.parse(
      await new SmokeContract().WhoAmI(ledger.context({ mspId: 'CoreFirmMSP' })),
    ) as Record<string, unknown>;
    expect(me).toMatchObject({ mspId: 'CoreFirmMSP', enterpriseId: null, role: null });
  });
});
