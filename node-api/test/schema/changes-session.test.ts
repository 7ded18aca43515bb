import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaUserDirectory } from '../../src/auth/prisma-user-directory.ts';
import type { Change } from '../../src/services/change-feed.ts';
import {
  directoryOn,
  ENTERPRISES,
  PASSWORD,
  seedEnterprises,
  type DirectoryFixture,
} from '../auth/directory-fixture.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';

const SESSION_HOURS = 1;
/** How often the directory re-checks watched sessions here (the node's default is seconds). */
const CHECK_MS = 100;
/** What "ends within a few seconds" means in this test. */
const END_WITHIN_MS = 3_000;

/** One open `changes` subscription over SSE, read as a client would. */
interface Stream {
  /** Reads until `text` arrived; false if the stream ended or `ms` passed first. */
  sees: (text: string, ms?: number) => Promise<boolean>;
  /** Reads until the server ends the stream; false if it is still open after `ms`. */
  ends: (ms?: number) => Promise<boolean>;
  close: () => void;
}

describe('the changes subscription ends with the session that opened it', () => {
  let harness: ApiHarness;
  let fixture: DirectoryFixture;
  let sequence = 0;
  const open: Stream[] = [];

  /** A change every logged-in user may see (enterprises are public). */
  function publish(): string {
    sequence += 1;
    const id = `E-${String(sequence)}`;
    const change: Change = {
      type: 'enterprise',
      id,
      transactionId: `tx-${id}`,
      blockNumber: 1n,
      audience: 'everyone',
    };
    harness.services.changes.publish(change);
    return id;
  }

  async function subscribe(token: string): Promise<Stream> {
    const controller = new AbortController();
    const response = await harness.api.fetch('http://node.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: 'subscription { changes { type id } }' }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no stream');
    const decoder = new TextDecoder();
    let text = '';
    let done = false;
    let pending: Promise<void> | undefined;
    /** Reads one chunk at a time; a read left running by a timeout is picked up by the next call. */
    const readOnce = (): Promise<void> =>
      (pending ??= reader.read().then((chunk) => {
        pending = undefined;
        if (chunk.done) done = true;
        else text += decoder.decode(chunk.value);
      }));
    const until = async (satisfied: () => boolean, ms: number): Promise<boolean> => {
      const deadline = Date.now() + ms;
      while (!satisfied() && !done && Date.now() < deadline) {
        await Promise.race([
          readOnce(),
          new Promise((resolve) => setTimeout(resolve, deadline - Date.now())),
        ]);
      }
      return satisfied();
    };
    const stream: Stream = {
      sees: (wanted, ms = END_WITHIN_MS) => until(() => text.includes(wanted), ms),
      ends: (ms = END_WITHIN_MS) => until(() => done, ms),
      close: () => {
        controller.abort();
      },
    };
    open.push(stream);
    expect(await live(stream)).toBe(true);
    return stream;
  }

  /**
   * Whether changes published now reach the stream. The response starts before the subscription's
   * listener is in place, so a change is published again until one arrives.
   */
  async function live(stream: Stream): Promise<boolean> {
    const deadline = Date.now() + END_WITHIN_MS;
    while (Date.now() < deadline) {
      if (await stream.sees(`"id":"${publish()}"`, 100)) return true;
    }
    return false;
  }

  async function login(username: string): Promise<string> {
    return (await fixture.directory.login(username, PASSWORD)).token;
  }

  beforeAll(async () => {
    harness = await startApiHarness((db) => {
      fixture = directoryOn(db, SESSION_HOURS, { sessionCheckMs: CHECK_MS });
      return { users: fixture.directory };
    });
    await seedEnterprises(harness.db);
    for (const username of ['ann.clerk', 'bea.clerk', 'cai.clerk', 'dan.clerk']) {
      await fixture.directory.create({
        username,
        password: PASSWORD,
        displayName: username,
        role: 'clerk',
        enterpriseId: ENTERPRISES.own.id,
      });
    }
  });
  afterAll(async () => {
    for (const stream of open) stream.close();
    await harness.stop();
  });

  it('ends the stream when its session logs out, and only that stream', async () => {
    const token = await login('ann.clerk');
    const other = await login('ann.clerk');
    const stream = await subscribe(token);
    const bystander = await subscribe(other);
    const out = await harness.post<{ logout: boolean }>('mutation { logout }', {}, { token });
    expect(out.body.data).toEqual({ logout: true });
    expect(await stream.ends()).toBe(true);
    expect(await live(bystander)).toBe(true);
  });

  it('ends the stream when the session is ended by another process of the node', async () => {
    const token = await login('bea.clerk');
    const stream = await subscribe(token);
    const elsewhere = new PrismaUserDirectory({
      db: harness.db,
      ca: fixture.ca,
      vault: fixture.vault,
      mspId: 'SupplierMSP',
      operatorEnterpriseId: ENTERPRISES.own.id,
      sessionHours: SESSION_HOURS,
      now: fixture.clock.now,
    });
    await elsewhere.logout(token);
    expect(await stream.ends()).toBe(true);
  });

  it('ends the stream when the session expires', async () => {
    const stream = await subscribe(await login('cai.clerk'));
    fixture.clock.advanceHours(SESSION_HOURS + 1);
    expect(await stream.ends()).toBe(true);
  });

  it('ends the stream when its user is removed', async () => {
    const stream = await subscribe(await login('dan.clerk'));
    await harness.db.user.delete({ where: { username: 'dan.clerk' } });
    expect(await stream.ends()).toBe(true);
  });
});
