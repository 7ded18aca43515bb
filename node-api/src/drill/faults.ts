import {
  chaincodeProcessName,
  findMember,
  peerProcessName,
  runningPid,
  TimeoutError,
  waitFor,
  type NetworkContext,
  type ProcessReport,
} from '@scf/network';
import { nodeProcessName } from '../cli/node-processes.ts';
import { killGroup, killProcess, postmasterOf } from './process-kill.ts';

/** One thing that goes wrong in a consortium, and how to tell that what it broke runs again. */
export interface Fault {
  name: string;
  /** What it does, for people. */
  description: string;
  /** Breaks it; answers what it killed (names and pids), for the log. */
  inject: () => Promise<string>;
  /** Whether everything it killed runs again as a new process (healthy or not: `status` judges that). */
  recovered: () => Promise<boolean>;
}

/** What faults act on: the network, and its processes as `status` sees them. */
export interface FaultScene {
  ctx: NetworkContext;
  reports: () => Promise<ProcessReport[]>;
}

/** A process to kill: its pid, how it dies, and where to look for its successor's. */
interface Victim {
  name: string;
  pid: number;
  kill: () => void;
  current: () => number | undefined;
}

class FaultError extends Error {
  readonly code = 'FAULT_NOT_APPLICABLE';

  constructor(message: string) {
    super(message);
    this.name = FaultError.name;
  }
}

/** A process the network started; `group`: with every child it started (its own process group). */
function processVictim(scene: FaultScene, name: string, group = false): Victim {
  const pid = runningPid(scene.ctx.paths, name);
  if (pid === undefined) throw new FaultError(`${name} is not running: nothing to kill`);
  return {
    name,
    pid,
    kill: () => {
      if (group) killGroup(pid);
      else killProcess(pid);
    },
    current: () => runningPid(scene.ctx.paths, name),
  };
}

function databaseVictim(scene: FaultScene, org: string): Victim {
  const pid = postmasterOf(scene.ctx, org);
  if (pid === undefined) throw new FaultError(`the embedded PostgreSQL of ${org}'s node API is not running`);
  return {
    name: `postgres-${org}`,
    pid,
    kill: () => {
      killProcess(pid);
    },
    current: () => postmasterOf(scene.ctx, org),
  };
}

/** A fault that kills `victims()` (chosen when it strikes), recovered once each runs again under a new pid. */
function killing(name: string, description: string, victims: () => Promise<Victim[]>): Fault {
  let killed: Victim[] = [];
  return {
    name,
    description,
    inject: async () => {
      killed = await victims();
      for (const victim of killed) victim.kill();
      return killed.map((victim) => `${victim.name} (pid ${String(victim.pid)})`).join(', ');
    },
    recovered: () =>
      Promise.resolve(
        killed.every((victim) => {
          const now = victim.current();
          return now !== undefined && now !== victim.pid;
        }),
      ),
  };
}

/** How long the drill looks for the Raft leader before it gives up on an orderer fault. */
const LEADER_WAIT_MS = 30_000;

/**
 * The orderers of the channel, the Raft leader first (as their metrics say). One look may find none
 * (an election under way, or metrics slow to answer on a loaded machine): it looks again for up to
 * LEADER_WAIT_MS.
 */
async function orderersLeaderFirst(scene: FaultScene): Promise<string[]> {
  let orderers: ProcessReport[] = [];
  const leaderOf = (): ProcessReport | undefined => orderers.find((report) => report.raft?.isLeader === true);
  try {
    await waitFor(
      'a Raft leader among the orderers',
      async () => {
        orderers = (await scene.reports()).filter((report) => report.kind === 'orderer');
        return leaderOf() !== undefined;
      },
      LEADER_WAIT_MS,
      () => orderers.map((report) => `${report.name}: ${report.detail}`).join('; '),
    );
  } catch (error) {
    if (error instanceof TimeoutError) throw new FaultError(error.message);
    throw error;
  }
  const leader = leaderOf();
  return [leader, ...orderers.filter((report) => report !== leader)].flatMap((report) =>
    report ? [report.name] : [],
  );
}

/** The org whose node API takes the drill's load (its SMEs register the invoices). */
export const WRITER_ORG = 'supplier';
/** The org whose database is killed: its node only follows the load. */
const OTHER_ORG = 'core';

/** Every fault the drill knows, in the order it runs them, by name. */
export const FAULT_NAMES = [
  'leader-orderer',
  'two-orderers',
  `${WRITER_ORG}-peer`,
  `${WRITER_ORG}-node-api`,
  `${OTHER_ORG}-database`,
  `${WRITER_ORG}-chaincode`,
  `${WRITER_ORG}-org`,
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** The faults named, in the order given. */
export function faultsNamed(scene: FaultScene, names: readonly FaultName[]): Fault[] {
  const catalogue = faultCatalogue(scene);
  return names.map((name) => {
    const fault = catalogue.find((candidate) => candidate.name === name);
    if (!fault) throw new FaultError(`no fault named ${name}`);
    return fault;
  });
}

function faultCatalogue(scene: FaultScene): Fault[] {
  const writer = findMember(scene.ctx.topology, WRITER_ORG);
  return [
    killing('leader-orderer', 'kill -9 the Raft leader orderer', async () => [
      processVictim(scene, (await orderersLeaderFirst(scene))[0] ?? ''),
    ]),
    killing(
      'two-orderers',
      'kill -9 two of three orderers (the leader and a follower): no quorum until they are back',
      async () => (await orderersLeaderFirst(scene)).slice(0, 2).map((name) => processVictim(scene, name)),
    ),
    killing(`${writer.name}-peer`, `kill -9 the ${writer.name} org's peer`, () =>
      Promise.resolve([processVictim(scene, peerProcessName(writer))]),
    ),
    killing(
      `${writer.name}-node-api`,
      `kill -9 the ${writer.name} org's node API (its PostgreSQL left running)`,
      () => Promise.resolve([processVictim(scene, nodeProcessName(writer.name))]),
    ),
    killing(`${OTHER_ORG}-database`, `kill -9 the ${OTHER_ORG} org's node API's embedded PostgreSQL`, () =>
      Promise.resolve([databaseVictim(scene, OTHER_ORG)]),
    ),
    killing(
      `${writer.name}-chaincode`,
      `kill -9 the ${writer.name} org's chaincode server and its supervisor`,
      () => Promise.resolve([processVictim(scene, chaincodeProcessName(writer), true)]),
    ),
    killing(
      `${writer.name}-org`,
      `kill -9 every process of the ${writer.name} org's node: CA, peer, chaincode server, node API, PostgreSQL`,
      async () => {
        const own = (await scene.reports()).filter((report) => report.org === writer.name);
        // The database first: its pid is read from its pid file, which the node API's death may leave.
        const database = databaseVictim(scene, writer.name);
        return [database, ...own.map((report) => processVictim(scene, report.name, true))];
      },
    ),
  ];
}
