import { describe, expect, it } from 'vitest';
import type { Context } from 'fabric-contract-api';
import { ObjectTypes, type Voucher } from '@scf/ledger-contract';
import { findRecord, getRecord, putRecord } from '../src/lib/store';
import { userOf } from './support/callers';
import { START_TIME } from './support/clock';
import { MemoryLedger } from './support/memory-stub';
import { coreVoucher, seedVoucher } from './support/vouchers';

/** A transaction's context whose stub counts its reads of world state. */
function counted(ledger: MemoryLedger): { ctx: Context; reads: () => number } {
  const ctx = ledger.context(userOf('tier1', 'clerk'));
  let reads = 0;
  const getState = ctx.stub.getState.bind(ctx.stub);
  ctx.stub.getState = (key: string) => {
    reads += 1;
    return getState(key);
  };
  return { ctx, reads: () => reads };
}

describe('reads of one transaction', () => {
  it('asks the peer once per key, and each caller gets its own copy of the record', async () => {
    const ledger = new MemoryLedger();
    const voucher = await seedVoucher(ledger);
    const { ctx, reads } = counted(ledger);
    const first = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucher.id);
    first.amount = '1';
    const second = await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucher.id);
    expect(second.amount).toBe(voucher.amount);
    expect(await findRecord(ctx, ObjectTypes.Voucher, 'absent')).toBeUndefined();
    expect(await findRecord(ctx, ObjectTypes.Voucher, 'absent')).toBeUndefined();
    expect(reads()).toBe(2);
  });

  it('reads committed state as Fabric does, not its own writes, and another transaction reads afresh', async () => {
    const ledger = new MemoryLedger();
    const voucher = await seedVoucher(ledger);
    const { ctx } = counted(ledger);
    await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucher.id);
    await putRecord(ctx, { ...voucher, amount: '1' }, START_TIME);
    expect((await getRecord<Voucher>(ctx, ObjectTypes.Voucher, voucher.id)).amount).toBe(voucher.amount);

    await seedVoucher(ledger, coreVoucher({ amount: '2' }));
    const next = counted(ledger);
    expect((await getRecord<Voucher>(next.ctx, ObjectTypes.Voucher, voucher.id)).amount).toBe('2');
    expect(next.reads()).toBe(1);
  });
});
