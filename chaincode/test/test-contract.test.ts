import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestContract, type Note, type RawEventMark } from '../src/contracts/test-contract';
import { ContractError, ErrorCodes, Events } from '@scf/ledger-contract';
import { MemoryLedger } from './support/memory-stub';

const supplierClerk = { mspId: 'SupplierMSP', attrs: { 'scf.enterpriseId': 'SUP001', 'scf.role': 'clerk' } };
const bankApprover = { mspId: 'BankAMSP', attrs: { 'scf.enterpriseId': 'BANKA', 'scf.role': 'approver' } };

describe('index.ts', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const load = async (flag: string | undefined): Promise<unknown[]> => {
    vi.resetModules();
    if (flag !== undefined) vi.stubEnv('SCF_CHAINCODE_TEST_CONTRACTS', flag);
    else delete process.env.SCF_CHAINCODE_TEST_CONTRACTS;
    const { contracts } = await import('../src/index.js');
    const testModule = await import('../src/contracts/test-contract.js');
    return contracts.filter((contract) => contract === testModule.TestContract);
  };

  it('serves the test-only contract only when SCF_CHAINCODE_TEST_CONTRACTS=1', async () => {
    expect(await load(undefined)).toHaveLength(0);
    expect(await load('0')).toHaveLength(0);
    expect(await load('true')).toHaveLength(0);
    expect(await load('1')).toHaveLength(1);
  });
});

describe('TestContract notes', () => {
  it('stores a note stamped with the transaction time and writer, readable by another org', async () => {
    const ledger = new MemoryLedger();
    const contract = new TestContract();
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

  it('emits exactly one NotePut event carrying the stored note, with sorted keys', async () => {
    const ledger = new MemoryLedger();
    const result = await ledger.submit(supplierClerk, (ctx) => new TestContract().PutNote(ctx, 'k2', 'x'));
    expect(ledger.events).toEqual([{ name: Events.NotePut, payload: result, txId: 'tx000001' }]);
    const keys = Object.keys(JSON.parse(result) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it('keeps multi-line text in NFC', async () => {
    const ledger = new MemoryLedger();
    const note = JSON.parse(
      await ledger.submit(supplierClerk, (ctx) => new TestContract().PutNote(ctx, 'k', 'cafe\u0301\n\tok')),
    ) as Note;
    expect(note.text).toBe('caf\u00E9\n\tok');
  });

  it.each([
    ['an empty key', '', 'text'],
    ['a key over 64 characters', 'k'.repeat(65), 'text'],
    ['a key with a newline', 'k\n1', 'text'],
    ['empty text', 'k', ''],
    ['text over 1024 characters', 'k', 't'.repeat(1025)],
    ['text with NUL', 'k', 'a\u0000b'],
  ])('rejects %s with INVALID_ARGUMENT and writes nothing', async (_, key, text) => {
    const ledger = new MemoryLedger();
    const attempt = ledger.submit(supplierClerk, (ctx) => new TestContract().PutNote(ctx, key, text));
    await expect(attempt).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    await expect(attempt).rejects.toBeInstanceOf(ContractError);
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('answers NOT_FOUND for a key nobody wrote', async () => {
    const ledger = new MemoryLedger();
    await expect(new TestContract().GetNote(ledger.context(bankApprover), 'nope')).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});

describe('TestContract.EmitRaw', () => {
  it('emits the given name with the payload bytes unchanged and writes one key', async () => {
    const ledger = new MemoryLedger();
    const payload = '{"records":[{"docType":"nonsense"}],  "extra": "caf\u0065\u0301"}\n';
    const mark = JSON.parse(
      await ledger.submit(bankApprover, (ctx) =>
        new TestContract().EmitRaw(ctx, 'EnterpriseRegistered', payload),
      ),
    ) as RawEventMark;
    expect(ledger.events).toEqual([{ name: 'EnterpriseRegistered', payload, txId: 'tx000001' }]);
    expect(mark).toEqual({
      eventName: 'EnterpriseRegistered',
      payloadLength: Buffer.byteLength(payload),
      txId: 'tx000001',
      writtenAt: '2026-01-05T02:00:00.000Z',
      writtenBy: 'BankAMSP',
    });
    expect([...ledger.state.keys()]).toEqual(['\u0000test.raw-event\u0000tx000001\u0000']);
  });

  it('passes any payload, even one that is not JSON or is empty, under any name', async () => {
    const ledger = new MemoryLedger();
    await ledger.submit(bankApprover, (ctx) => new TestContract().EmitRaw(ctx, 'NoSuchEvent', 'not json'));
    await ledger.submit(bankApprover, (ctx) => new TestContract().EmitRaw(ctx, 'Empty', ''));
    expect(ledger.events.map(({ name, payload }) => [name, payload])).toEqual([
      ['NoSuchEvent', 'not json'],
      ['Empty', ''],
    ]);
  });

  it.each([
    ['an empty event name', '', '{}'],
    ['an event name with a newline', 'Bad\nName', '{}'],
    ['an event name over 128 characters', 'E'.repeat(129), '{}'],
    ['a payload over 64 KiB', 'Big', 'x'.repeat(65_537)],
    ['a payload that is not a string', 'Odd', 7 as unknown as string],
  ])('refuses %s and writes nothing', async (_, name, payload) => {
    const ledger = new MemoryLedger();
    await expect(
      ledger.submit(bankApprover, (ctx) => new TestContract().EmitRaw(ctx, name, payload)),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });
});
