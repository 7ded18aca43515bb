/**
 * npm run bench:ledger [-- --quick] [-- --cpu-prof] [-- --peer-prof] — steady-state throughput of one fresh network:
 * the no-op ceiling (`smoke:WhoAmI` submitted), the one-write baseline (`test:PutNote`) and the voucher
 * life cycle, each in fixed-duration rounds after a warm-up, over a client-count sweep, several runs
 * interleaved (no-op, one-write, life cycle, again) so that machine noise falls on all three alike.
 * Prints median and spread, the ratios the issue sets targets for, and CPU-ms per committed transaction
 * by component from /proc (also per life-cycle step, measured step by step). Writes results.md,
 * results.json and throughput.svg to reports/bench/<time>/. Settings: see bench-settings.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH, chaincodeProcessName, stopProcess, type NetworkContext } from '@scf/network';
import { Consortium } from '../test/support/consortium.ts';
import { startTestNetwork, stopTestNetwork } from '../test/support/test-network.ts';
import { cstDate } from '../test/support/values.ts';
import { benchSettings, type BenchSettings, type Workload } from './bench-settings.ts';
import {
  chartSeries,
  cpuOfRounds,
  cpuPerTransaction,
  ratioRows,
  stepLatencyTable,
  throughputRows,
  throughputTable,
  type CpuRow,
} from './bench-summary.ts';
import { throughputChart } from './chart-svg.ts';
import { cpuBetween, cpuSnapshot, LOAD_CLIENT, networkComponents, type Component } from './cpu-meter.ts';
import { profileSummaries } from './profile-report.ts';
import { peerCounters, peerWorkPerTransaction } from './peer-counters.ts';
import { peerProfileSummaries, profilePeers } from './peer-profiles.ts';
import { LifeCycle, STEP_NAMES } from './life-cycle.ts';
import { noOp, oneWrite, type ClientPool } from './one-write.ts';
import { steadyRound, type Iteration, type RoundResult } from './steady-round.ts';
import { table } from './stats.ts';

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

/** The rounds of every workload at every client count, runs interleaved. */
async function sweep(
  ctx: NetworkContext,
  consortium: Consortium,
  settings: BenchSettings,
  components: readonly Component[],
  lifeCycle: LifeCycle | undefined,
): Promise<RoundResult[]> {
  const rounds: RoundResult[] = [];
  for (const clients of settings.clients) {
    const pools: ClientPool[] = [];
    const iterations = new Map<Workload, Iteration>();
    try {
      for (const workload of settings.workloads) {
        if (workload === 'life-cycle') {
          iterations.set(workload, (lifeCycle as LifeCycle).iteration(clients));
          continue;
        }
        const pool = await (workload === 'no-op'
          ? noOp(ctx, consortium, clients)
          : oneWrite(ctx, consortium, clients, String(clients)));
        pools.push(pool);
        iterations.set(workload, pool.iteration);
      }
      for (let run = 1; run <= settings.runs; run += 1) {
        for (const [workload, iteration] of iterations) {
          const round = await steadyRound({
            workload,
            clients,
            run,
            warmupMs: settings.warmupMs,
            roundMs: settings.roundMs,
            components,
            iteration,
            alongside: settings.peerProfile
              ? () =>
                  profilePeers(
                    ctx,
                    peerProfileDir(settings),
                    `${workload}-${String(clients)}-${String(run)}`,
                    settings.roundMs / 1000,
                  )
              : undefined,
          });
          log(
            `${workload} × ${String(clients)} clients, run ${String(run)}: ` +
              `${(round.transactions / round.seconds).toFixed(1)} tx/s ` +
              `(${String(round.failures)} failed, ${String(round.retries)} retried)`,
          );
          for (const [what, count] of round.failuresBy) log(`  ${String(count)} × ${what}`);
          rounds.push(round);
        }
      }
    } finally {
      for (const pool of pools) pool.close();
    }
  }
  return rounds;
}

/** The life cycle one step at a time, for CPU and throughput per step. */
async function staged(
  ctx: NetworkContext,
  lifeCycle: LifeCycle,
  settings: BenchSettings,
  components: readonly Component[],
): Promise<{ cpu: CpuRow[]; rates: (string | number)[][] }> {
  const cpu: CpuRow[] = [];
  const rates: (string | number)[][] = [];
  const clients = Math.max(...settings.clients);
  await lifeCycle.staged(clients, settings.stagedVouchers, async (step, work) => {
    const countedBefore = await peerCounters(ctx);
    const before = cpuSnapshot(components);
    const started = performance.now();
    const transactions = await work();
    const seconds = (performance.now() - started) / 1000;
    cpu.push({ name: `step ${step}`, transactions, cpuMs: cpuBetween(before, cpuSnapshot(components)) });
    const peers = peerWorkPerTransaction(countedBefore, await peerCounters(ctx), transactions);
    rates.push([step, transactions, (transactions / seconds).toFixed(1), peers.endorsements, peers.shim]);
  });
  return { cpu, rates };
}

/** Stops the chaincode servers gently so that each writes its --cpu-prof profile, then summarizes. */
async function profiles(ctx: NetworkContext, folder: string): Promise<string> {
  await Promise.all(
    ctx.topology.members.map((org) => stopProcess(ctx.paths, chaincodeProcessName(org), 30_000)),
  );
  return profileSummaries(folder, 15);
}

function peerProfileDir(settings: BenchSettings): string {
  return join(settings.reportDir, 'peer-prof');
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

async function main(): Promise<void> {
  const settings = benchSettings(process.argv.slice(2), process.env, new Date());
  mkdirSync(settings.reportDir, { recursive: true });
  const profileDir = join(settings.reportDir, 'cpu-prof');
  if (settings.cpuProfile) process.env.SCF_CHAINCODE_CPU_PROF = profileDir;
  if (settings.peerProfile) process.env.SCF_PEER_PROFILE = '1';
  log(
    `${settings.quick ? 'quick run: ' : ''}clients ${settings.clients.join(',')}, ${String(settings.runs)} runs of ` +
      `${String(settings.roundMs / 1000)} s after ${String(settings.warmupMs / 1000)} s warm-up; report in ${settings.reportDir}`,
  );
  log(`starting a network with ${String(settings.orderers)} orderer(s)`);
  const ctx = await startTestNetwork(settings.orderers, { batchTimeout: BATCH.timeout });
  const consortium = new Consortium(ctx);
  let lifeCycle: LifeCycle | undefined;
  try {
    await consortium.registerParties();
    await consortium.publishRate('1Y', 310, cstDate(-1));
    const components = [...networkComponents(ctx), LOAD_CLIENT];
    if (settings.workloads.includes('life-cycle')) {
      log(`setting up ${String(Math.max(...settings.clients))} debtors with credit lines`);
      lifeCycle = await LifeCycle.prepare(ctx, consortium, Math.max(...settings.clients));
    }
    const rounds = await sweep(ctx, consortium, settings, components, lifeCycle);
    const stages =
      lifeCycle && settings.stagedVouchers > 0
        ? (log(`life cycle step by step: ${String(settings.stagedVouchers)} vouchers`),
          await staged(ctx, lifeCycle, settings, components))
        : { cpu: [], rates: [] };
    const rows = throughputRows(rounds);
    const names = components.map((component) => component.name);
    const cpuRows = [...cpuOfRounds(rounds), ...stages.cpu];
    const sections = [
      `## Throughput (steady state, ${String(settings.roundMs / 1000)} s rounds after ${String(settings.warmupMs / 1000)} s warm-up)\n\n${throughputTable(rows)}`,
      `## Ratios of medians (targets: one-write ≥ 0.9× no-op, life cycle ≥ 0.8× one-write)\n\n${table(['clients', 'one-write / no-op', 'life cycle / one-write'], ratioRows(rows))}`,
      `## CPU-ms per committed transaction (/proc utime+stime)\n\n${table(['workload', 'tx', ...names, 'total'], cpuPerTransaction(cpuRows, names))}`,
      ...(stages.rates.length > 0
        ? [
            `## Life cycle step by step (${String(Math.max(...settings.clients))} clients)\n\n${table(['step', 'tx', 'tx/s', 'endorsing peers', 'chaincode requests to them'], stages.rates)}`,
          ]
        : []),
      ...(lifeCycle
        ? [`## Life-cycle step latency (steady rounds)\n\n${stepLatencyTable(rounds, STEP_NAMES)}`]
        : []),
    ];
    if (settings.peerProfile) {
      sections.push(
        `## Peer CPU profiles: top functions by self time, all peers of all rounds\n\n` +
          (await peerProfileSummaries(
            peerProfileDir(settings),
            new Map(cpuOfRounds(rounds).map((row) => [row.name, row.transactions])),
          )),
      );
    }
    if (settings.cpuProfile) {
      sections.push(
        `## Chaincode CPU profile: top functions by self time\n\n${await profiles(ctx, profileDir)}`,
      );
    }
    const footer =
      `Fabric ${ctx.tools.version}, ${String(settings.orderers)} Raft orderer(s), batch timeout ${BATCH.timeout}, ` +
      `at most ${String(BATCH.maxMessageCount)} tx or ${BATCH.preferredMaxBytes} per block; ` +
      `CPU from /proc of the network's own processes (its process table), the load client from /proc/self.`;
    const markdown = `# bench:ledger ${new Date().toISOString()}\n\n${sections.join('\n\n')}\n\n${footer}\n`;
    process.stdout.write(`\n${markdown}`);
    writeFileSync(join(settings.reportDir, 'results.md'), markdown);
    writeFileSync(
      join(settings.reportDir, 'results.json'),
      JSON.stringify({ settings, rows, rounds, cpu: cpuRows }, jsonReplacer, 2),
    );
    writeFileSync(
      join(settings.reportDir, 'throughput.svg'),
      throughputChart(chartSeries(rows), 'Committed tx/s against clients (median, min–max)'),
    );
    log(`report written to ${settings.reportDir}`);
  } finally {
    lifeCycle?.close();
    consortium.closeAll();
    await stopTestNetwork(ctx);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
