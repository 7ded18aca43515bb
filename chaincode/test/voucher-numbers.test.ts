import { beforeEach, describe, expect, it } from 'vitest';
import { ContractError, ErrorCodes, type Voucher } from '@scf/ledger-contract';
import {
  issuerTag,
  newVoucherNumbers,
  voucherNumberCandidate,
  VOUCHER_NUMBER_INDEX,
} from '../src/repositories/voucher-numbers';
import { userOf } from './support/callers';
import { ids } from './support/enterprises';
import { key } from './support/ledger-state';
import { MemoryLedger } from './support/memory-stub';
import { parse } from './support/parse';
import { type Chain, kept, seedChain, voucherContract } from './support/vouchers';

const FORMAT = /^[0-9A-Z]{4}-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

function owner(ledger: MemoryLedger, number: string): string {
  return Buffer.from(ledger.state.get(key(VOUCHER_NUMBER_INDEX, number)) ?? []).toString('utf8');
}

describe('voucher numbers', () => {
  const parts = { debtorId: '91370200MA3C8H1K0M', date: '2026-11-30', txId: 'ab12', voucherId: 'f00d' };

  it('reads issuer, business date and a short code, the same on every peer', () => {
    expect(issuerTag('91370200MA3C8H1K0M')).toBe('H1K0');
    const number = voucherNumberCandidate(parts, 0);
    expect(number).toMatch(FORMAT);
    expect(number.startsWith('H1K0-20261130-')).toBe(true);
    expect(voucherNumberCandidate({ ...parts }, 0)).toBe(number);
    expect(voucherNumberCandidate(parts, 1)).not.toBe(number);
    expect(voucherNumberCandidate({ ...parts, voucherId: 'f00d.1' }, 0)).not.toBe(number);
    expect(voucherNumberCandidate({ ...parts, txId: 'ab13' }, 0)).not.toBe(number);
  });

  describe('on the ledger', () => {
    let ledger: MemoryLedger;
    let chain: Chain;

    beforeEach(async () => {
      ledger = new MemoryLedger();
      chain = await seedChain(ledger);
    });

    it('gives every piece of a split its own number, claimed for that piece', async () => {
      const pieces = ['100000', '200000', '300000', '400000'].map((amount) => kept(amount));
      const result = parse<{ children: Voucher[] }>(
        await ledger.submit(userOf('tier1'), (ctx) =>
          voucherContract.SplitTransfer(ctx, chain.root.id, JSON.stringify(pieces)),
        ),
      );
      const numbers = result.children.map((child) => child.number ?? '');
      expect(new Set(numbers).size).toBe(4);
      for (const child of result.children) {
        expect(child.number).toMatch(FORMAT);
        expect(owner(ledger, child.number ?? '')).toBe(child.id);
      }
    });

    it('passes over a number already claimed on the ledger', async () => {
      const ctx = ledger.context(userOf('core'));
      const first = { debtorId: ids.core, date: '2026-01-05', txId: ctx.stub.getTxID(), voucherId: 'v1' };
      ledger.state.set(key(VOUCHER_NUMBER_INDEX, voucherNumberCandidate(first, 0)), Buffer.from('other'));
      expect(await newVoucherNumbers(ctx, ids.core, ['v1'])).toEqual([voucherNumberCandidate(first, 1)]);
    });

    it('passes over a number an earlier piece of the same transaction took', async () => {
      const ctx = ledger.context(userOf('core'));
      const first = { debtorId: ids.core, date: '2026-01-05', txId: ctx.stub.getTxID(), voucherId: 'v1' };
      // The same id twice derives the same first candidate: the second must not get it.
      expect(await newVoucherNumbers(ctx, ids.core, ['v1', 'v1'])).toEqual([
        voucherNumberCandidate(first, 0),
        voucherNumberCandidate(first, 1),
      ]);
    });

    it('refuses, rather than loop, when every attempt is taken', async () => {
      const ctx = ledger.context(userOf('core'));
      const first = { debtorId: ids.core, date: '2026-01-05', txId: ctx.stub.getTxID(), voucherId: 'v1' };
      for (let attempt = 0; attempt < 16; attempt += 1) {
        ledger.state.set(key(VOUCHER_NUMBER_INDEX, voucherNumberCandidate(first, attempt)), Buffer.from('x'));
      }
      const refused = await newVoucherNumbers(ctx, ids.core, ['v1']).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ContractError);
      expect((refused as ContractError).code).toBe(ErrorCodes.AlreadyExists);
    });
  });
});
