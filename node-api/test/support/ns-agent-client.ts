import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AgentReply, AgentRequest, UserSpec } from './ns-agent.ts';
import type { NetnsLab } from './netns-lab.ts';

const AGENT = fileURLToPath(new URL('./ns-agent.ts', import.meta.url));

/** A transaction the ledger refused, as the agent reported it (its typed code, if it had one). */
export class AgentCallError extends Error {
  readonly code: string | undefined;

  constructor(host: string, fn: string, error: { name: string; code?: string; message: string }) {
    super(`[${host}] ${fn}: ${error.name}${error.code ? ` ${error.code}` : ''}: ${error.message}`);
    this.name = AgentCallError.name;
    this.code = error.code;
  }
}

export interface CallResult<T> {
  value: T;
  blockNumber?: string;
  transactionId?: string;
}

type Request = AgentRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Talks to one host's agent (ns-agent.ts) running in its namespace. */
export class HostAgent {
  readonly host: string;
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, (reply: AgentReply) => void>();
  private next = 1;

  constructor(lab: NetnsLab, host: string, stateDir: string) {
    this.host = host;
    this.child = lab.spawn(host, process.execPath, [AGENT, '--state-dir', stateDir]);
    this.child.stderr?.resume();
    if (!this.child.stdout) throw new Error('the agent has no stdout');
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as AgentReply;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  private send(request: Request): Promise<AgentReply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin?.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  /** A chaincode transaction as `user`; rejects with AgentCallError if the ledger refused it. */
  async call<T = unknown>(
    user: UserSpec,
    fn: string,
    args: object = {},
    options: { options?: object; after?: string } = {},
  ): Promise<CallResult<T>> {
    const reply = await this.send({ kind: 'call', user, fn, args, ...options });
    if (!reply.ok) throw new AgentCallError(this.host, fn, reply.error);
    return reply as CallResult<T>;
  }

  /** An HTTP request made from the host. */
  async fetch(
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: string }> {
    const reply = await this.send({ kind: 'fetch', url, ...(init ? { init } : {}) });
    if (!reply.ok) throw new AgentCallError(this.host, `fetch ${url}`, reply.error);
    return reply.value as { status: number; body: string };
  }

  close(): void {
    this.child.stdin?.end();
  }
}
