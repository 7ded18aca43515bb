import { cpuBetween, cpuSnapshot, type Component } from './cpu-meter.ts';
import { Samples } from './stats.ts';

/** What one worker sees of the round it runs in. */
export interface RoundControl {
  /** False once the round's time is up: a worker starts no new transaction then. */
  running: () => boolean;
  /** Records a committed transaction of `kind` that was submitted at `startedAt` (performance.now()). */
  committed: (kind: string, startedAt: number) => void;
  /** Records a completed multi-transaction cycle (the life cycle's eleven steps). */
  cycleDone: () => void;
  /** Records a write refused and tried again (an endorsing peer still behind): endorsed, never committed. */
  retried: () => void;
}

/** One iteration of a workload on one client: a transaction, or a cycle of them. */
export type Iteration = (client: number, control: RoundControl) => Promise<void>;

export interface RoundPlan {
  workload: string;
  clients: number;
  run: number;
  warmupMs: number;
  roundMs: number;
  components: readonly Component[];
  iteration: Iteration;
  /** Work that runs alongside the measured window from its start (a peer profile), awaited at the end. */
  alongside?: () => Promise<void>;
}

export interface RoundResult {
  workload: string;
  clients: number;
  run: number;
  /** The measured window, between the two CPU snapshots. */
  seconds: number;
  transactions: number;
  cycles: number;
  failures: number;
  /** Writes tried again inside the window: their endorsements cost CPU that no committed one shows. */
  retries: number;
  /** The failures by what they said (an error's code, else its first line), for the log. */
  failuresBy: Map<string, number>;
  /** Submit→commit latency of the transactions committed inside the window, by kind. */
  latency: Map<string, Samples>;
  cpuMs: Map<string, number>;
}

/** What a failed iteration said: its error's code if it has one, else the first line of its message. */
function failureOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string'
      ? `${code}: ${error.message.split('\n')[0] ?? ''}`
      : (error.message.split('\n')[0] ?? '');
  }
  return String(error);
}

/** More failed iterations than this in one round end the benchmark: it would measure errors. */
const MAX_FAILURES = 20;

/**
 * Runs `clients` closed-loop workers for a warm-up and then a fixed measured window; only what commits
 * inside the window counts, so connection set-up, JIT warm-up and the drain at the end stay out of it.
 * CPU is snapshotted at the window's two ends.
 */
export async function steadyRound(plan: RoundPlan): Promise<RoundResult> {
  const latency = new Map<string, Samples>();
  let measuring = false;
  let stopped = false;
  let transactions = 0;
  let cycles = 0;
  let failures = 0;
  let retries = 0;
  const failuresBy = new Map<string, number>();
  let window = { from: 0, to: 0 };
  let cpu = new Map<string, number>();
  const control: RoundControl = {
    running: () => !stopped,
    committed: (kind, startedAt) => {
      if (!measuring) return;
      transactions += 1;
      let samples = latency.get(kind);
      if (!samples) latency.set(kind, (samples = new Samples(kind)));
      samples.add(performance.now() - startedAt);
    },
    cycleDone: () => {
      if (measuring) cycles += 1;
    },
    retried: () => {
      if (measuring) retries += 1;
    },
  };
  let before = cpuSnapshot(plan.components);
  let alongside: Promise<void> = Promise.resolve();
  const opening = setTimeout(() => {
    before = cpuSnapshot(plan.components);
    window = { from: performance.now(), to: 0 };
    measuring = true;
    if (plan.alongside) {
      alongside = plan.alongside();
      // Awaited (and its failure thrown) once the workers are done; not an unhandled rejection before.
      alongside.catch(() => undefined);
    }
  }, plan.warmupMs);
  const closing = setTimeout(() => {
    measuring = false;
    stopped = true;
    window.to = performance.now();
    cpu = cpuBetween(before, cpuSnapshot(plan.components));
  }, plan.warmupMs + plan.roundMs);
  const worker = async (client: number): Promise<void> => {
    while (!stopped) {
      try {
        await plan.iteration(client, control);
      } catch (error) {
        failures += 1;
        const what = failureOf(error);
        failuresBy.set(what, (failuresBy.get(what) ?? 0) + 1);
        if (failures > MAX_FAILURES) {
          stopped = true;
          throw error;
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.clients }, (_, client) => worker(client)));
  } finally {
    clearTimeout(opening);
    clearTimeout(closing);
    await alongside;
  }
  const { workload, clients, run } = plan;
  const seconds = (window.to - window.from) / 1000;
  return {
    workload,
    clients,
    run,
    seconds,
    transactions,
    cycles,
    failures,
    retries,
    failuresBy,
    latency,
    cpuMs: cpu,
  };
}
