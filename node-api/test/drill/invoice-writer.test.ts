import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/demo/graphql-client.ts';
import type { ApiErrorCode } from '../../src/errors/codes.ts';
import { InvoiceWriter } from '../../src/drill/invoice-writer.ts';
import { Tally } from '../../src/drill/tally.ts';

type Answer = Record<string, unknown> | ApiErrorCode | Error;

/** A node that answers the writer's requests from a script, recording what it was sent. */
function scriptedNode(answers: Answer[]): {
  node: { request: <T>(query: string, variables?: Record<string, unknown>) => Promise<T> };
  sent: { operation: string; key: unknown }[];
} {
  const sent: { operation: string; key: unknown }[] = [];
  const node = {
    request: <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      sent.push({
        operation: query.includes('transactionStatus') ? 'status' : 'register',
        key: variables.key,
      });
      const answer = answers.shift();
      if (answer === undefined) return Promise.reject(new Error('the script ran out'));
      if (answer instanceof Error) return Promise.reject(answer);
      if (typeof answer === 'string') return Promise.reject(new ApiError(answer, 'refused'));
      return Promise.resolve(answer as T);
    },
  };
  return { node, sent };
}

const committed = (transactionId: string, projection = 'APPLIED', blockNumber: string | null = '7') => ({
  registerInvoice: { projection, transactionId, blockNumber },
});
const status = (state: string, transactionId: string | null = null, blockNumber: string | null = null) => ({
  transactionStatus: { state, transactionId, blockNumber },
});
const refused = (code: string): Error =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

const WRITE = { key: 'drill:T:1', number: 'T-1' };
const invoice = { buyerId: 'B', documentSha256: 'a'.repeat(64) };
const later = (): number => Date.now() + 60_000;
const QUICK = { firstMs: 1, longestMs: 2 };

describe('the drill writer retries as the README tells clients to', () => {
  it('sends one key on every try, through refusals and a dead node, until the write is acknowledged', async () => {
    const { node, sent } = scriptedNode([
      refused('ECONNREFUSED'),
      'CHAINCODE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
      committed('tx-1', 'PENDING', '9'),
    ]);
    const tally = new Tally();
    const outcome = await new InvoiceWriter(node, invoice, tally, QUICK).write(WRITE, later());
    expect(outcome).toEqual({
      write: WRITE,
      acknowledged: { transactionId: 'tx-1', blockNumber: 9n },
      secondTransaction: false,
    });
    expect(sent).toEqual(Array.from({ length: 4 }, () => ({ operation: 'register', key: WRITE.key })));
    expect(tally.toString()).toBe('CHAINCODE_UNAVAILABLE 1, DATABASE_UNAVAILABLE 1, ECONNREFUSED 1');
  });

  it('asks transactionStatus after PENDING without a block, and sends again only once it was INVALID', async () => {
    const { node, sent } = scriptedNode([
      committed('tx-1', 'PENDING', null),
      status('PENDING', 'tx-1'),
      status('INVALID', 'tx-1'),
      committed('tx-2', 'PENDING', null),
      status('VALID', 'tx-2', '12'),
    ]);
    const tally = new Tally();
    const outcome = await new InvoiceWriter(node, invoice, tally, QUICK).write(WRITE, later());
    expect(outcome.acknowledged).toEqual({ transactionId: 'tx-2', blockNumber: 12n });
    expect(sent.map((request) => request.operation)).toEqual([
      'register',
      'status',
      'status',
      'register',
      'status',
    ]);
    expect(tally.toString()).toBe('PENDING 2, status INVALID 1');
  });

  it('counts ALREADY_EXISTS on a retry of its key as a second transaction, and stops', async () => {
    const { node } = scriptedNode([refused('ECONNRESET'), 'ALREADY_EXISTS']);
    const outcome = await new InvoiceWriter(node, invoice, new Tally(), QUICK).write(WRITE, later());
    expect(outcome).toEqual({ write: WRITE, secondTransaction: true, unfinished: 'ALREADY_EXISTS' });
  });

  it('gives up at its deadline without an acknowledgement', async () => {
    const { node } = scriptedNode([refused('ECONNREFUSED'), refused('ECONNREFUSED')]);
    const outcome = await new InvoiceWriter(node, invoice, new Tally(), {
      firstMs: 200,
      longestMs: 200,
    }).write(WRITE, Date.now() + 300);
    expect(outcome).toEqual({ write: WRITE, secondTransaction: false, unfinished: 'GAVE_UP' });
  });
});
