#!/usr/bin/env node
/**
 * A test's hands on one host of a NetnsLab: run inside the host's namespace with `--state-dir DIR`
 * (that host's state folder), it reads one JSON request per line on stdin and answers one JSON line
 * on stdout. `call` submits or evaluates a chaincode transaction as a user of the host's own org
 * (enrolled at its own CA, through its own peer); `fetch` makes an HTTP request from the host.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { enrollUser, openNetwork, type Role } from '@scf/network';
import type { Session } from './consortium.ts';
import { connectAs } from './consortium.ts';

export interface UserSpec {
  org: string;
  name: string;
  enterpriseId: string;
  role: Role;
}

export type AgentRequest =
  | {
      id: number;
      kind: 'call';
      user: UserSpec;
      /** `namespace.Transaction`, as the typed client names it. */
      fn: string;
      args?: object;
      options?: object;
      /** Wait until the user's peer holds this block first (a decimal string). */
      after?: string;
    }
  | {
      id: number;
      kind: 'fetch';
      url: string;
      init?: { method?: string; headers?: Record<string, string>; body?: string };
    };

export type AgentReply =
  | { id: number; ok: true; value: unknown; blockNumber?: string; transactionId?: string }
  | { id: number; ok: false; error: { name: string; code?: string; message: string } };

const { values } = parseArgs({ options: { 'state-dir': { type: 'string' } } });
const ctx = openNetwork({
  stateDir: values['state-dir'],
  log: (message) => process.stderr.write(`[agent] ${message}\n`),
});
const sessions = new Map<string, Session>();

async function session(user: UserSpec): Promise<Session> {
  const known = sessions.get(user.name);
  if (known) return known;
  const made = connectAs(ctx, await enrollUser(ctx, user));
  sessions.set(user.name, made);
  return made;
}

type AnyCall = (args?: object, options?: object) => Promise<unknown>;

async function handle(request: AgentRequest): Promise<AgentReply> {
  if (request.kind === 'fetch') {
    const response = await fetch(request.url, request.init);
    return { id: request.id, ok: true, value: { status: response.status, body: await response.text() } };
  }
  const { ledger } = await session(request.user);
  if (request.after !== undefined) await ledger.waitForBlock(BigInt(request.after), 60_000);
  const [namespace = '', name = ''] = request.fn.split('.');
  const call = (ledger as unknown as Record<string, Record<string, AnyCall> | undefined>)[namespace]?.[name];
  if (!call) throw new Error(`no transaction ${request.fn}`);
  const result = await call(request.args ?? {}, request.options ?? {});
  const committed = result as { value?: unknown; blockNumber?: bigint; transactionId?: string };
  return typeof committed.blockNumber === 'bigint'
    ? {
        id: request.id,
        ok: true,
        value: committed.value,
        blockNumber: committed.blockNumber.toString(),
        transactionId: committed.transactionId,
      }
    : { id: request.id, ok: true, value: result };
}

function failure(id: number, error: unknown): AgentReply {
  const { name, message, code } = error as { name?: string; message?: string; code?: unknown };
  return {
    id,
    ok: false,
    error: {
      name: name ?? 'Error',
      message: message ?? String(error),
      ...(typeof code === 'string' ? { code } : {}),
    },
  };
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const request = JSON.parse(line) as AgentRequest;
  handle(request).then(
    (reply) => process.stdout.write(`${JSON.stringify(reply)}\n`),
    (error: unknown) => process.stdout.write(`${JSON.stringify(failure(request.id, error))}\n`),
  );
});
lines.on('close', () => {
  for (const item of sessions.values()) item.connection.close();
  process.exit(0);
});
