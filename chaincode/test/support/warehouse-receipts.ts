import { WarehouseContract } from '../../src/contracts/warehouse-contract';
import type { Financing, WarehouseReceipt } from '@scf/ledger-contract';
import { userOf } from './callers';
import { sha256 } from './digests';
import { ENTERPRISES, type EnterpriseName } from './enterprises';
import type { MemoryLedger } from './memory-stub';
import { parse } from './parse';

export const warehouse = new WarehouseContract();

export const INSPECTION_HASH = sha256('inspection report');

/** What the keeper writes on a receipt; `owner` is a fixture enterprise. */
export interface ReceiptArgs {
  number: string;
  owner: EnterpriseName;
  goods: string;
  quantity: string;
  unit: string;
  location: string;
  hash: string;
}

const receiptArgs = (overrides: Partial<ReceiptArgs> = {}): ReceiptArgs => ({
  number: 'WR-2026-001',
  owner: 'tier1',
  goods: 'Copper cathode, grade A',
  quantity: '120',
  unit: 't',
  location: 'Qingdao bonded warehouse 3, bay 12',
  hash: INSPECTION_HASH,
  ...overrides,
});

/** The carrier (by default) issues a receipt. */
export async function issueReceipt(
  ledger: MemoryLedger,
  overrides: Partial<ReceiptArgs> = {},
  keeper: EnterpriseName = 'carrier',
): Promise<WarehouseReceipt> {
  const a = receiptArgs(overrides);
  return parse<WarehouseReceipt>(
    await ledger.submit(userOf(keeper, 'clerk'), (ctx) =>
      warehouse.Issue(
        ctx,
        a.number,
        ENTERPRISES[a.owner].id,
        a.goods,
        a.quantity,
        a.unit,
        a.location,
        a.hash,
      ),
    ),
  );
}

/** The owner's clerk pledges a receipt to a bank for 800,000 yuan until 2026-06-30. */
export async function pledge(
  ledger: MemoryLedger,
  receipt: WarehouseReceipt,
  bank: EnterpriseName = 'bankA',
  owner: EnterpriseName = 'tier1',
): Promise<Financing> {
  return parse<Financing>(
    await ledger.submit(userOf(owner, 'clerk'), (ctx) =>
      warehouse.Pledge(ctx, receipt.id, ENTERPRISES[bank].id, '80000000', '2026-06-30'),
    ),
  );
}
