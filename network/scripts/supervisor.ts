import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessReport } from './process-report.ts';
import { RESTART_BACKOFF, RestartBackoff, type BackoffOptions } from './restart-backoff.ts';
import { STUCK_ORDERER, StuckOrdererCheck, type StuckOptions } from './stuck-orderers.ts';

/** How the watch brings one process back: the same start its layer uses (`up`, `ensureNode`…). */
export interface Restarter {
  /** Starts it again once its process is gone; resolves when it is ready, rejects if it does not come up. */
  start: () => Promise<unknown>;
  /** Stops and starts it while its process lives but is stuck (orderers). */
  replace?: () => Promise<unknown>;
}

export interface SupervisorOptions {
  /** One round of status: every process, as `status` reports it. */
  observe: () => Promise<ProcessReport[]>;
  /** How to restart each process, by name; a process without one is only reported. */
  restarters: ReadonlyMap<string, Restarter>;
  /** True once `npm stop` (network down) began elsewhere: the watch ends and starts nothing more. */
  stopRequested: () => boolean;
  log: (message: string) => void;
  intervalMs?: number;
  backoff?: BackoffOptions;
  stuck?: StuckOptions;
}

export const WATCH_INTERVAL_MS = 5_000;

interface Watched {
  backoff: RestartBackoff;
  state?: ProcessReport['state'];
  log?: string;
  /** A restart scheduled or under way. */
  restarting?: Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The demo's own supervisor (systemd's Restart= does this in production): every few seconds it looks
 * at every process the way `status` does, restarts a dead one after a pause that grows while it keeps
 * dying (RestartBackoff), replaces an orderer that lives but is stuck (StuckOrdererCheck), and
 * reports every other change (a peer that lags catches up by itself; a node API heals its own
 * database). It ends when `down` runs elsewhere, or on `stop()`.
 */
export class Supervisor {
  readonly #options: SupervisorOptions;
  readonly #watched = new Map<string, Watched>();
  readonly #stuck: StuckOrdererCheck;
  readonly #stopping = new AbortController();

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#stuck = new StuckOrdererCheck(options.stuck ?? STUCK_ORDERER);
  }

  /**
   * Watches until stopped; resolves 'stopped elsewhere' when `down` ran (or nothing runs any more),
   * 'stopped' after `stop()`.
   */
  async run(): Promise<'stopped' | 'stopped elsewhere'> {
    const { signal } = this.#stopping;
    while (!signal.aborted) {
      if (!(await this.tick())) return 'stopped elsewhere';
      await sleep(this.#options.intervalMs ?? WATCH_INTERVAL_MS, undefined, { signal }).catch(
        () => undefined,
      );
    }
    return 'stopped';
  }

  /** One round: look at everything, schedule what needs a restart. False once there is nothing to watch. */
  async tick(): Promise<boolean> {
    if (this.#options.stopRequested()) return false;
    const reports = await this.#options.observe();
    if (reports.length === 0 || this.#options.stopRequested()) return false;
    if (this.#stopping.signal.aborted) return true;
    const now = Date.now();
    for (const report of reports) this.#look(report, now);
    const orderers = reports
      .filter((report) => report.kind === 'orderer')
      .map((report) => ({ name: report.name, alive: report.pid !== undefined, view: report.raft }));
    for (const { name, reason } of this.#stuck.observe(now, orderers)) {
      const replace = this.#options.restarters.get(name)?.replace;
      const watched = this.#watchedOf(name);
      if (replace === undefined || watched.restarting !== undefined) continue;
      this.#stuck.restarted(name, now);
      this.#schedule(name, watched, replace, `is stuck: ${reason}`);
    }
    return true;
  }

  /** Ends the watch: no new round, no restart that has not begun. */
  stop(): void {
    this.#stopping.abort();
  }

  /** Resolves once no restart is under way (after `stop()`: before the network is taken down). */
  async idle(): Promise<void> {
    await Promise.all(
      [...this.#watched.values()].flatMap((watched) => (watched.restarting ? [watched.restarting] : [])),
    );
  }

  /** Stopped here or by `down` elsewhere: a restart that failed meanwhile was cut short on purpose. */
  #ended(): boolean {
    return this.#stopping.signal.aborted || this.#options.stopRequested();
  }

  #watchedOf(name: string): Watched {
    let watched = this.#watched.get(name);
    if (watched === undefined) {
      watched = { backoff: new RestartBackoff(this.#options.backoff ?? RESTART_BACKOFF) };
      this.#watched.set(name, watched);
    }
    return watched;
  }

  #look(report: ProcessReport, now: number): void {
    const watched = this.#watchedOf(report.name);
    const before = watched.state;
    watched.state = report.state;
    watched.log = report.log;
    if (report.state === 'healthy') watched.backoff.healthy(now);
    else watched.backoff.unhealthy();
    if (watched.restarting !== undefined) return;
    const start = this.#options.restarters.get(report.name)?.start;
    if (report.pid === undefined && start !== undefined) {
      this.#schedule(report.name, watched, start, `is ${report.state} (${report.detail})`);
    } else if (before !== report.state && !(before === undefined && report.state === 'healthy')) {
      const state = report.state === 'healthy' ? 'healthy again' : report.state;
      const where = report.state === 'healthy' ? '' : `; log ${report.log}`;
      this.#options.log(`${report.name} is ${state}: ${report.detail}${where}`);
    }
  }

  #schedule(name: string, watched: Watched, action: () => Promise<unknown>, why: string): void {
    const delay = watched.backoff.nextDelay();
    const log = watched.log === undefined ? '' : ` (log ${watched.log})`;
    this.#options.log(`${name} ${why}; restarting it in ${delay / 1000}s${log}`);
    watched.restarting = this.#restart(name, action, delay).finally(() => {
      watched.restarting = undefined;
    });
  }

  async #restart(name: string, action: () => Promise<unknown>, delay: number): Promise<void> {
    await sleep(delay, undefined, { signal: this.#stopping.signal }).catch(() => undefined);
    if (this.#ended()) return;
    const started = Date.now();
    try {
      await action();
      // Just started: it rejoins Raft and catches up before it can count as stuck.
      this.#stuck.restarted(name, Date.now());
      this.#options.log(`${name} restarted in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    } catch (error) {
      if (this.#ended()) return;
      this.#options.log(`restarting ${name} failed: ${message(error).split('\n')[0] ?? ''}`);
    }
  }
}
