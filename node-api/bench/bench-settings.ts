import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const WORKLOADS = ['no-op', 'one-write', 'life-cycle'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** What one `bench:ledger` run does; from the environment, `--quick` picking shorter defaults. */
export interface BenchSettings {
  quick: boolean;
  /** The client-count sweep. */
  clients: number[];
  warmupMs: number;
  roundMs: number;
  runs: number;
  workloads: Workload[];
  /** Vouchers the per-step (staged) life cycle takes through each step, for CPU per step; 0 skips it. */
  stagedVouchers: number;
  orderers: number;
  /** Profile the chaincode servers (node --cpu-prof) into the report folder. */
  cpuProfile: boolean;
  /** Profile every peer (Go pprof) through each measured window into the report folder. */
  peerProfile: boolean;
  reportDir: string;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = SettingsError.name;
  }
}

function positiveInts(name: string, text: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new SettingsError(`${name} must be positive integers separated by commas, not "${text}"`);
  }
  return values;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, allowZero = false): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new SettingsError(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, not "${text}"`,
    );
  }
  return value;
}

/** A folder name from the start time that sorts in time order and is valid on every file system. */
export function timestampFolder(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

export function benchSettings(argv: readonly string[], env: NodeJS.ProcessEnv, now: Date): BenchSettings {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const workloads = (env.BENCH_WORKLOADS ?? WORKLOADS.join(',')).split(',').map((name) => name.trim());
  const unknown = workloads.filter((name) => !(WORKLOADS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new SettingsError(
      `BENCH_WORKLOADS: unknown ${unknown.join(', ')} (known: ${WORKLOADS.join(', ')})`,
    );
  }
  return {
    quick,
    clients: positiveInts('BENCH_CLIENTS', env.BENCH_CLIENTS ?? (quick ? '16' : '4,16,48')),
    warmupMs: positiveInt(env, 'BENCH_WARMUP_S', quick ? 2 : 5) * 1000,
    roundMs: positiveInt(env, 'BENCH_ROUND_S', quick ? 5 : 15) * 1000,
    runs: positiveInt(env, 'BENCH_RUNS', quick ? 2 : 3),
    workloads: workloads as Workload[],
    stagedVouchers: positiveInt(env, 'BENCH_STAGED_VOUCHERS', quick ? 16 : 64, true),
    orderers: positiveInt(env, 'BENCH_ORDERERS', 3),
    cpuProfile: argv.includes('--cpu-prof'),
    peerProfile: argv.includes('--peer-prof'),
    reportDir: env.BENCH_REPORT_DIR ?? join(REPO_ROOT, 'reports', 'bench', timestampFolder(now)),
  };
}
