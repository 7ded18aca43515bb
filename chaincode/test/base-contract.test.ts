import { describe, expect, it } from 'vitest';
import { BaseContract } from '../src/contracts/base-contract';
import { InvoiceContract } from '../src/contracts/invoice-contract';
import { LedgerContract } from '../src/contracts/ledger-contract';
import { TestContract } from '../src/contracts/test-contract';
import { VoucherContract } from '../src/contracts/voucher-contract';
import { type Enterprise, ErrorCodes, type Page } from '@scf/ledger-contract';
import { contracts } from '../src/index';
import { userOf } from './support/callers';
import { CONSORTIUM } from './support/enterprises';
import { MemoryLedger } from './support/memory-stub';
import { registerEnterprises } from './support/registration';

const served = [...contracts, TestContract].map((Contract) => new Contract() as BaseContract);
/** A bookmark as a LevelDB peer returns it: the next composite key, NUL-separated. */
const BOOKMARK = '\u0000enterprise\u0000X\u0000';

/** Each transaction of a contract with its parameter names (ctx dropped), read from its source. */
function transactionsOf(contract: BaseContract): { name: string; params: string[] }[] {
  const prototype = Object.getPrototypeOf(contract) as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => /^[A-Z]/.test(name) && typeof prototype[name] === 'function')
    .map((name) => {
      const source = String(prototype[name]);
      const list = /\(([^)]*)\)/.exec(source)?.[1] ?? '';
      return {
        name,
        params: list
          .split(',')
          .map((param) => param.trim())
          .slice(1),
      };
    });
}

/** Runs a contract's beforeTransaction on raw arguments as the peer would pass them. */
function before(contract: BaseContract, transaction: string, params: string[]): Promise<void> {
  const ledger = new MemoryLedger();
  const ctx = ledger.context(userOf('core', 'clerk'), {
    args: [`${contract.getName()}:${transaction}`, ...params],
  });
  return contract.beforeTransaction(ctx);
}

describe('BaseContract', () => {
  it('is the base of every contract the chaincode serves', () => {
    expect(served.length).toBeGreaterThan(10);
    for (const contract of served) expect(contract).toBeInstanceOf(BaseContract);
  });

  const cases = served.flatMap((contract) =>
    transactionsOf(contract).map(
      ({ name, params }) => [`${contract.getName()}:${name}`, contract, name, params] as const,
    ),
  );

  it.each(cases)('%s: a bookmark may hold NUL, no other argument may', async (_, contract, name, params) => {
    const paged = params[params.length - 1] === 'bookmark';
    const clean = params.map((param) => (param === 'bookmark' ? BOOKMARK : `${param}\n\tvalue`));
    await expect(before(contract, name, clean)).resolves.toBeUndefined();
    for (const [index, param] of params.entries()) {
      const dirty = clean.map((value, at) => (at === index ? `${value}\u0085` : value));
      const attempt = before(contract, name, dirty);
      if (paged && param === 'bookmark') await expect(attempt).resolves.toBeUndefined();
      else await expect(attempt).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    }
  });

  it('refuses each forbidden kind of character in a raw argument', async () => {
    const contract = new VoucherContract();
    for (const bad of ['\u0000', '\u001B', '\r', '\u007F', '\u0085', '\u009F', '\uD800', '\uDFFF']) {
      await expect(before(contract, 'Get', [`id${bad}`])).rejects.toMatchObject({
        code: ErrorCodes.InvalidArgument,
      });
    }
    await expect(before(contract, 'Get', ['id 😀 é'])).resolves.toBeUndefined();
  });
});

describe('invocations through beforeTransaction', () => {
  it('refuses a raw argument with a control character before the transaction runs, writing nothing', async () => {
    const ledger = new MemoryLedger();
    const contract = new TestContract();
    await expect(
      ledger.invoke(userOf('core', 'clerk'), contract, 'EmitRaw', ['Raw', '{"a":"\u0000"}']),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
    await ledger.invoke(userOf('core', 'clerk'), contract, 'EmitRaw', ['Raw', '{\n\t"a": 1\n}']);
    expect(ledger.events.map((event) => event.payload)).toEqual(['{\n\t"a": 1\n}']);
  });

  it('lets multi-line text through where the transaction declares it', async () => {
    const ledger = new MemoryLedger();
    const note = JSON.parse(
      await ledger.invoke(userOf('core', 'clerk'), new TestContract(), 'PutNote', ['k', 'one\ntwo']),
    ) as { text: string };
    expect(note.text).toBe('one\ntwo');
    await expect(
      ledger.invoke(userOf('core', 'clerk'), new TestContract(), 'PutNote', ['k\n2', 'one']),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
  });

  it('pages with the bookmark the peer returned, NUL separators and all', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const contract = new LedgerContract();
    const reader = userOf('bankA', 'clerk');
    const pageSize = String(Object.keys(CONSORTIUM).length - 1);
    const first = JSON.parse(
      await ledger.invoke(reader, contract, 'ListAll', ['enterprise', pageSize, '']),
    ) as Page<Enterprise>;
    expect(first.bookmark).toContain('\u0000');
    const second = JSON.parse(
      await ledger.invoke(reader, contract, 'ListAll', ['enterprise', pageSize, first.bookmark]),
    ) as Page<Enterprise>;
    expect([...first.items, ...second.items].map((item) => item.id).sort()).toEqual(
      Object.values(CONSORTIUM)
        .map((enterprise) => enterprise.id)
        .sort(),
    );
  });

  it('fails loudly when asked for a transaction the contract does not have', async () => {
    await expect(
      new MemoryLedger().invoke(userOf('core', 'clerk'), new TestContract(), 'Nope', []),
    ).rejects.toThrow(/no transaction test:Nope/);
  });
});

describe('ids', () => {
  it('refuses an id with a control character, even in a read', async () => {
    const ledger = new MemoryLedger();
    const reader = userOf('core', 'clerk');
    await expect(
      ledger.evaluate(reader, (ctx) => new InvoiceContract().Get(ctx, 'abc\u0000def')),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    await expect(
      ledger.evaluate(reader, (ctx) => new InvoiceContract().Get(ctx, 'abc')),
    ).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });
});
