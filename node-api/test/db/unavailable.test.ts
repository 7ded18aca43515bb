import { GraphQLError } from 'graphql';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db/generated/client.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';

function prismaError(code: string, driverCause?: Record<string, unknown>): Error {
  const meta = driverCause ? { driverAdapterError: { name: 'DriverAdapterError', cause: driverCause } } : {};
  return new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: '7.10.1', meta });
}

function postgresError(code: string): Error {
  const error = new pg.DatabaseError('the database system is starting up', 0, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

describe('isDatabaseUnavailable', () => {
  it('knows a server that is down, restarting, unreachable or out of connections', () => {
    for (const error of [
      prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 7008 }),
      prismaError('P1017', { kind: 'ConnectionClosed' }),
      // A raw query reports the same failure under its own code.
      prismaError('P2010', { kind: 'DatabaseNotReachable' }),
      prismaError('P2039', { kind: 'postgres', code: '57P03', originalCode: '57P03' }),
      prismaError('P2039', { kind: 'postgres', code: '57P01', originalCode: '57P01' }),
      prismaError('P2037', { kind: 'TooManyConnections' }),
      postgresError('57P03'),
      postgresError('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it('looks through GraphQL errors and causes', () => {
    const lost = prismaError('P1001', { kind: 'DatabaseNotReachable' });
    expect(isDatabaseUnavailable(new GraphQLError('Unexpected error.', { originalError: lost }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('loading failed', { cause: lost }))).toBe(true);
  });

  it('leaves alone what the database refused, and everything else', () => {
    for (const error of [
      prismaError('P2002', { kind: 'UniqueConstraintViolation' }),
      prismaError('P2039', { kind: 'postgres', code: '22P02', originalCode: '22P02' }),
      postgresError('23505'),
      new GraphQLError('log in first', { extensions: { code: 'UNAUTHENTICATED' } }),
      new Error('something else'),
      undefined,
      'text',
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});
