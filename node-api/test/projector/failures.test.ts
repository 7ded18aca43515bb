import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/ledger/errors.ts';
import { describeFailure, isTransient } from '../../src/projector/failures.ts';

/** An error shaped as Prisma Client raises it over the pg driver adapter. */
function prismaError(code: string, cause: Record<string, unknown>): Error {
  return Object.assign(new Error(`Invalid \`tx.invoice.upsert()\` invocation in\n/src/x.ts:1:1\n\n${code}`), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
}

describe('which projector failures are the event’s fault', () => {
  it('keeps retrying when the database or the peer is not there, or gave up on its own', () => {
    expect(isTransient(prismaError('P1001', { kind: 'DatabaseNotReachable', host: 'db', port: 1 }))).toBe(
      true,
    );
    expect(isTransient(prismaError('P2010', { kind: 'ConnectionClosed' }))).toBe(true);
    expect(
      isTransient(prismaError('P2010', { kind: 'postgres', code: '57P01', message: 'terminating' })),
    ).toBe(true);
    expect(isTransient(prismaError('P2034', { kind: 'postgres', code: '40001', message: 'serialize' }))).toBe(
      true,
    );
    expect(isTransient(prismaError('P2010', { kind: 'postgres', code: '53300', message: 'too many' }))).toBe(
      true,
    );
    expect(
      isTransient(new LedgerError('LEDGER_UNAVAILABLE', '14 UNAVAILABLE: No connection established')),
    ).toBe(true);
    expect(isTransient(new LedgerError('CHAINCODE_UNAVAILABLE', 'the chaincode is down'))).toBe(true);
    expect(
      isTransient(new Error('lost', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })),
    ).toBe(true);
  });

  it('quarantines values PostgreSQL refuses, payloads that do not parse, and ledger refusals', () => {
    const nul = prismaError('P2039', {
      kind: 'postgres',
      code: '22021',
      message: 'invalid byte sequence for encoding "UTF8": 0x00',
    });
    expect(isTransient(nul)).toBe(false);
    expect(isTransient(prismaError('P2010', { kind: 'postgres', code: '23514', message: 'check' }))).toBe(
      false,
    );
    expect(isTransient(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isTransient(new LedgerError('NOT_FOUND', '[NOT_FOUND] no terms'))).toBe(false);
  });

  it("describes a failure in a line fit for a log and a table: PostgreSQL's words, no NUL", () => {
    expect(
      describeFailure(
        prismaError('P2039', { kind: 'postgres', code: '22021', message: 'invalid byte sequence: 0x00' }),
      ),
    ).toBe('PostgreSQL 22021: invalid byte sequence: 0x00');
    expect(describeFailure(new SyntaxError('bad \u0000 json'))).toBe('SyntaxError: bad  json');
    expect(describeFailure(prismaError('P1001', { kind: 'DatabaseNotReachable' }))).toBe(
      'database: DatabaseNotReachable',
    );
  });
});
