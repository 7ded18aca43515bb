import { describe, expect, it } from 'vitest';
import { LedgerContract, type HistoryEntry } from '../src/contracts/ledger-contract';
import { ErrorCodes } from '@scf/ledger-contract';
import { userOf } from './support/callers';
import { amendCharter, CHARTER_TERMS } from './support/charter';
import { CONSORTIUM, ENTERPRISES } from './support/enterprises';
import { MemoryLedger } from './support/memory-stub';
import { registerEnterprises, suspend } from './support/registration';

const history = new LedgerContract();

describe('LedgerContract.GetHistory', () => {
  it('returns every version oldest first with transaction id, time and actor', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const { id } = ENTERPRISES.tier1;
    ledger.setTime('2026-02-01T00:00:00Z');
    await suspend(ledger, 'tier1');
    const entries = JSON.parse(
      await ledger.evaluate(userOf('bankA', 'clerk'), (ctx) => history.GetHistory(ctx, 'enterprise', id)),
    ) as HistoryEntry[];
    expect(entries.map((entry) => (entry.record as { status?: string } | null)?.status)).toEqual([
      'ACTIVE',
      'SUSPENDED',
    ]);
    // tx000001 established the charter; tier-1 was the second enterprise registered.
    expect(entries.map((entry) => entry.txId)).toEqual(['tx000003', 'tx000009']);
    expect(entries[1]).toMatchObject({ timestamp: '2026-02-01T00:00:00.000Z', isDelete: false });
    expect(entries[1]?.record?.updatedBy).toBe('ORG-ADMIN/admin@SupplierMSP');
  });

  it('rejects an unknown type and an unknown object', async () => {
    const ledger = new MemoryLedger();
    const reader = userOf('bankA', 'clerk');
    await expect(ledger.evaluate(reader, (ctx) => history.GetHistory(ctx, 'car', 'x'))).rejects.toMatchObject(
      {
        code: ErrorCodes.InvalidArgument,
      },
    );
    await expect(
      ledger.evaluate(reader, (ctx) => history.GetHistory(ctx, 'invoice', 'x')),
    ).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});

describe('LedgerContract and the charter', () => {
  it('keeps every version of the charter and lists its proposals', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    await amendCharter(ledger, { ...CHARTER_TERMS, rateQuorum: 1 });
    const reader = userOf('bankA', 'clerk');
    const versions = JSON.parse(
      await ledger.evaluate(reader, (ctx) => history.GetHistory(ctx, 'charter', 'consortium')),
    ) as HistoryEntry[];
    expect(versions.map((entry) => (entry.record as { version?: number } | null)?.version)).toEqual([1, 2]);
    const proposals = JSON.parse(
      await ledger.evaluate(reader, (ctx) => history.ListAll(ctx, 'charterproposal', '10', '')),
    ) as { items: { status: string }[] };
    expect(proposals.items.map((item) => item.status)).toEqual(['ADOPTED']);
  });
});

describe('LedgerContract.ListAll', () => {
  it('pages through every record of one type in key order', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const reader = userOf('bankA', 'clerk');
    const first = JSON.parse(
      await ledger.evaluate(reader, (ctx) => history.ListAll(ctx, 'enterprise', '4', '')),
    ) as { items: { id: string }[]; bookmark: string };
    expect(first.items).toHaveLength(4);
    const second = JSON.parse(
      await ledger.evaluate(reader, (ctx) => history.ListAll(ctx, 'enterprise', '4', first.bookmark)),
    ) as { items: { id: string }[]; bookmark: string };
    expect(second.bookmark).toBe('');
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(ids).toEqual(
      Object.values(CONSORTIUM)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('rejects an unknown type and a bad page size', async () => {
    const ledger = new MemoryLedger();
    const reader = userOf('bankA', 'clerk');
    await expect(
      ledger.evaluate(reader, (ctx) => history.ListAll(ctx, 'car', '4', '')),
    ).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
    await expect(
      ledger.evaluate(reader, (ctx) => history.ListAll(ctx, 'invoice', '0', '')),
    ).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
    await expect(
      ledger.evaluate(reader, (ctx) => history.ListAll(ctx, 'invoice', '101', '')),
    ).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
  });
});
