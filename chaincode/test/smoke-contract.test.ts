import { describe, expect, it } from 'vitest';
import { SmokeContract, type Note } from '../src/contracts/smoke-contract';
import { ChaincodeError, ErrorCodes } from '../src/lib/errors';
import { Events } from '../src/lib/events';
import { MemoryLedger } from './support/memory-stub';

const supplierClerk = { mspId: 'SupplierMSP', attrs: { 'scf.enterpriseId': 'SUP001', 'scf.role': 'clerk' } };
const bankApprover = { mspId: 'BankAMSP', attrs: { 'scf.enterpriseId': 'BANKA', 'scf.role': 'approver' } };

describe('SmokeContract', () => {
  it('stores a note stamped with the transaction time and writer, readable by another org', async () => {
    const ledger = new MemoryLedger();
    const contract = new SmokeContract();
    ledger.setTime('2026-01-01T00:01:30Z');
    const written = JSON.parse(
      await ledger.submit(supplierClerk, (ctx) => contract.PutNote(ctx, 'k1', 'hello')),
    ) as Note;
    expect(written).toEqual({
      key: 'k1',
      text: 'hello',
      writtenAt: '2026-01-01T00:01:30.000Z',
      writtenBy: 'SupplierMSP',
      txId: 'tx000001',
    });
    const read = JSON.parse(
      await ledger.evaluate(bankApprover, (ctx) => contract.GetNote(ctx, 'k1')),
    ) as Note;
    expect(read).toEqual(written);
  });

  it('emits exactly one NotePut event carrying the stored note', async () => {
    const ledger = new MemoryLedger();
    const result = await ledger.submit(supplierClerk, (ctx) => new SmokeContract().PutNote(ctx, 'k2', 'x'));
    expect(ledger.events).toEqual([{ name: Events.NotePut, payload: result, txId: 'tx000001' }]);
  });

  it('serializes with sorted keys so that every peer endorses the same bytes', async () => {
    const ledger = new MemoryLedger();
    const result = await ledger.submit(supplierClerk, (ctx) => new SmokeContract().PutNote(ctx, 'k3', 'x'));
    const keys = Object.keys(JSON.parse(result) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it.each([
    ['an empty key', '', 'text'],
    ['a key over 64 characters', 'k'.repeat(65), 'text'],
    ['text over 1024 characters', 'k', 't'.repeat(1025)],
  ])('rejects %s with INVALID_ARGUMENT and writes nothing', async (_, key, text) => {
    const ledger = new MemoryLedger();
    const attempt = ledger.submit(supplierClerk, (ctx) => new SmokeContract().PutNote(ctx, key, text));
    await expect(attempt).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    await expect(attempt).rejects.toBeInstanceOf(ChaincodeError);
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('answers NOT_FOUND for a key nobody wrote', async () => {
    const ledger = new MemoryLedger();
    await expect(new SmokeContract().GetNote(ledger.context(bankApprover), 'nope')).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });

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
