/**
 * npm run bench:caliper [-- --quick] — the field's tool on the same machine and network as our own
 * bench: starts a network, writes a connection profile per org, Caliper's network config and a bench
 * config (no-op, one-write, invoice registration) to reports/bench/<time>/caliper/, runs our own
 * steady-state no-op and one-write rounds at the same client count, then Caliper 0.6 (fabric-gateway
 * binding, CALIPER_WORKERS workers, fixed-load), and prints both side by side. scripts/caliper.sh
 * installs Caliper into .tools/caliper on first use and passes its binary in CALIPER_BIN.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH, type EnrolledUser, type NetworkContext } from '@scf/network';
import { Consortium, PARTIES, type Party } from '../test/support/consortium.ts';
import { startTestNetwork, stopTestNetwork } from '../test/support/test-network.ts';
import { cstDate } from '../test/support/values.ts';
import { benchSettings } from './bench-settings.ts';
import { throughputRows } from './bench-summary.ts';
import {
  benchConfig,
  connectionProfile,
  networkConfig,
  parseCaliperSummary,
  type CaliperOrg,
  type CaliperResult,
} from './caliper-config.ts';
import { LOAD_CLIENT } from './cpu-meter.ts';
import { noOp, oneWrite } from './one-write.ts';
import { steadyRound, type RoundResult } from './steady-round.ts';
import { ratio, table } from './stats.ts';

const log = (message: string): void => void process.stderr.write(`[bench:caliper] ${message}\n`);
const MODULES = new URL('./caliper/', import.meta.url).pathname;

/** One user per member org (the clerk of the first party the org hosts), for Caliper's identities. */
async function caliperOrgs(
  ctx: NetworkContext,
  consortium: Consortium,
  folder: string,
): Promise<CaliperOrg[]> {
  const parties = Object.entries(PARTIES) as [Party, (typeof PARTIES)[Party]][];
  const orgs: CaliperOrg[] = [];
  for (const org of ctx.topology.members) {
    const party = parties.find(([, value]) => value.org === org.name);
    if (!party) continue;
    const user = (await consortium.as(party[0], 'clerk')).user;
    const profilePath = join(folder, `connection-${org.name}.json`);
    const tlsRootPath = ctx.paths.caCert(org.name);
    writeFileSync(profilePath, `${JSON.stringify(connectionProfile(org, tlsRootPath), null, 2)}\n`);
    orgs.push({ org, tlsRootPath, user, profilePath });
  }
  return orgs;
}

/** Runs Caliper's manager to the end, its output teed to caliper.log; resolves to that output. */
function runCaliper(bin: string, folder: string): Promise<string> {
  const args = [
    'launch',
    'manager',
    '--caliper-workspace',
    folder,
    '--caliper-networkconfig',
    'network.json',
    '--caliper-benchconfig',
    'bench.json',
    '--caliper-flow-only-test',
    '--caliper-report-path',
    join(folder, 'report.html'),
  ];
  const logFile = createWriteStream(join(folder, 'caliper.log'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output += chunk.toString();
      logFile.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      logFile.end();
      if (code === 0) resolve(output);
      else reject(new Error(`caliper exited with code ${String(code)}; see ${join(folder, 'caliper.log')}`));
    });
  });
}

async function ourRounds(
  ctx: NetworkContext,
  consortium: Consortium,
  clients: number,
  settings: ReturnType<typeof benchSettings>,
): Promise<RoundResult[]> {
  const pools = {
    'no-op': await noOp(ctx, consortium, clients),
    'one-write': await oneWrite(ctx, consortium, clients, 'ours'),
  };
  const rounds: RoundResult[] = [];
  try {
    for (let run = 1; run <= settings.runs; run += 1) {
      for (const [workload, pool] of Object.entries(pools)) {
        const round = await steadyRound({
          workload,
          clients,
          run,
          warmupMs: settings.warmupMs,
          roundMs: settings.roundMs,
          components: [LOAD_CLIENT],
          iteration: pool.iteration,
        });
        log(`ours: ${workload}, run ${String(run)}: ${(round.transactions / round.seconds).toFixed(1)} tx/s`);
        rounds.push(round);
      }
    }
  } finally {
    for (const pool of Object.values(pools)) pool.close();
  }
  return rounds;
}

function comparison(ours: RoundResult[], caliper: CaliperResult[]): string {
  const rows = throughputRows(ours);
  const theirs = (label: string): CaliperResult | undefined =>
    caliper.find((result) => result.name === label);
  const line = (workload: string, label: string): (string | number)[] => {
    const mine = rows.find((row) => row.workload === workload);
    const found = theirs(label);
    return [
      workload,
      mine ? `${mine.rate.median.toFixed(1)} (${mine.rate.min.toFixed(1)}–${mine.rate.max.toFixed(1)})` : '–',
      found
        ? `${found.throughput.toFixed(1)} (${String(found.succeeded)} ok, ${String(found.failed)} failed)`
        : '–',
      ratio(mine?.rate.median, found?.throughput),
    ];
  };
  const register = theirs('register-invoice');
  return [
    table(
      ['workload', 'bench:ledger tx/s median (min–max)', 'Caliper tx/s', 'ours / Caliper'],
      [line('no-op', 'no-op'), line('one-write', 'one-write')],
    ),
    register
      ? `Caliper, life-cycle step invoice:Register: ${register.throughput.toFixed(1)} tx/s ` +
        `(${String(register.succeeded)} ok, ${String(register.failed)} failed)`
      : '',
  ].join('\n\n');
}

async function main(): Promise<void> {
  const bin = process.env.CALIPER_BIN;
  if (bin === undefined) throw new Error('CALIPER_BIN is not set: run this through npm run bench:caliper');
  const settings = benchSettings(process.argv.slice(2), process.env, new Date());
  const clients = Math.max(...settings.clients);
  const workers = Number(process.env.CALIPER_WORKERS ?? 2);
  const folder = join(settings.reportDir, 'caliper');
  mkdirSync(folder, { recursive: true });
  log(`starting a network with ${String(settings.orderers)} orderer(s); files in ${folder}`);
  const ctx = await startTestNetwork(settings.orderers, { batchTimeout: BATCH.timeout });
  const consortium = new Consortium(ctx);
  try {
    await consortium.registerParties();
    const orgs = await caliperOrgs(ctx, consortium, folder);
    const { channel, chaincode } = ctx.topology.config;
    writeFileSync(
      join(folder, 'network.json'),
      `${JSON.stringify(networkConfig(channel, chaincode.name, orgs), null, 2)}\n`,
    );
    const clerk: EnrolledUser = (await consortium.as('tier1', 'clerk')).user;
    const rounds = [
      {
        label: 'no-op',
        module: join(MODULES, 'no-op.mjs'),
        contractFunction: 'smoke:WhoAmI',
        invoker: clerk,
      },
      {
        label: 'one-write',
        module: join(MODULES, 'one-write.mjs'),
        contractFunction: 'test:PutNote',
        invoker: clerk,
      },
      {
        label: 'register-invoice',
        module: join(MODULES, 'register-invoice.mjs'),
        contractFunction: 'invoice:Register',
        invoker: clerk,
        extra: { buyerId: PARTIES.core.id, issueDate: cstDate(0), dueDate: cstDate(60) },
      },
    ];
    const load = {
      workers,
      clients,
      warmupSeconds: settings.warmupMs / 1000,
      seconds: (settings.roundMs * settings.runs) / 1000,
    };
    writeFileSync(
      join(folder, 'bench.json'),
      `${JSON.stringify(benchConfig(channel, chaincode.name, rounds, load), null, 2)}\n`,
    );
    // Our rounds before and after Caliper's, so that a change in the machine's other load shows as spread.
    log(`our rounds: no-op and one-write, ${String(clients)} clients`);
    const before = await ourRounds(ctx, consortium, clients, settings);
    log(`Caliper: ${String(workers)} workers keeping ${String(clients)} transactions in flight`);
    const caliper = parseCaliperSummary(await runCaliper(bin, folder));
    log('our rounds again');
    const ours = [...before, ...(await ourRounds(ctx, consortium, clients, settings))];
    const report = `# bench:caliper ${new Date().toISOString()}\n\n${String(clients)} clients; ours: ${String(settings.runs)} × ${String(settings.roundMs / 1000)} s rounds before and as many after Caliper's, each after ${String(settings.warmupMs / 1000)} s warm-up; Caliper: one ${String(load.seconds)} s round after a ${String(load.warmupSeconds)} s warm-up round, ${String(workers)} workers, fixed-load.\n\n${comparison(ours, caliper)}\n`;
    process.stdout.write(`\n${report}`);
    writeFileSync(join(folder, 'comparison.md'), report);
  } finally {
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
