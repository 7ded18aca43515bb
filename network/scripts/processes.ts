import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatePaths } from './paths.ts';
import { isRunning, startTicksOf } from './process-table.ts';

/** A long-running node of the network, started detached with its output in logs/<name>.log. */
export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

/** The environment a process runs with: PATH and HOME of whoever starts it, then its own variables. */
export function processEnvironment(spec: Pick<ProcessSpec, 'env'>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.env };
}

interface PidRecord {
  pid: number;
  command: string;
  startedAt: string;
  /** The kernel's start time of the process (startTicksOf): a later process under the same pid differs. */
  startTicks?: number;
}

/** A start refused because `down` was asked to stop this state folder (and `up` has not run since). */
export class StopRequestedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = StopRequestedError.name;
  }
}

export function stopRequested(paths: StatePaths): boolean {
  return existsSync(paths.stopRequested);
}

/**
 * Starts the process in its own process group so that `down` can stop it and its children. Refused
 * once `down` has begun (a heal under way must not bring back what `down` stops); `up` lifts that.
 */
export function startProcess(paths: StatePaths, spec: ProcessSpec): number {
  if (stopRequested(paths)) {
    throw new StopRequestedError(`not starting ${spec.name}: the network was stopped (npm stop)`);
  }
  mkdirSync(paths.logs, { recursive: true });
  mkdirSync(paths.pids, { recursive: true });
  const log = openSync(paths.log(spec.name), 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: processEnvironment(spec),
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.on('error', (error) => {
      writeFileSync(paths.log(spec.name), `failed to start ${spec.command}: ${error.message}\n`, {
        flag: 'a',
      });
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.command})`);
    child.unref();
    const record: PidRecord = {
      pid: child.pid,
      command: spec.command,
      startedAt: new Date().toISOString(),
      startTicks: startTicksOf(child.pid),
    };
    writeFileSync(paths.pid(spec.name), JSON.stringify(record));
    return child.pid;
  } finally {
    closeSync(log);
  }
}

function readRecord(paths: StatePaths, name: string): PidRecord | undefined {
  const file = paths.pid(name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

/** The pid of the named process if it is still the process we started (not a reused pid). */
export function runningPid(paths: StatePaths, name: string): number | undefined {
  const record = readRecord(paths, name);
  if (!record) return undefined;
  try {
    process.kill(record.pid, 0);
  } catch {
    return undefined;
  }
  // Another process under a pid that came round again: never ours to stop (it may be another
  // network's node, started by a test beside this one).
  const startTicks = record.startTicks === undefined ? undefined : startTicksOf(record.pid);
  if (startTicks !== undefined && startTicks !== record.startTicks) return undefined;
  const cmdline = `/proc/${record.pid}/cmdline`;
  if (existsSync(cmdline)) {
    const argv = readFileSync(cmdline, 'utf8')
      .split('\0')
      .filter((arg) => arg !== '');
    // Empty while the process is between two execs (a script's `env bash` starting) or a zombie.
    if (argv.length === 0) return isRunning(record.pid) ? record.pid : undefined;
    if (!argv.some((arg) => basename(arg) === basename(record.command))) return undefined;
  }
  return record.pid;
}

export function knownProcesses(paths: StatePaths): string[] {
  if (!existsSync(paths.pids)) return [];
  return readdirSync(paths.pids)
    .filter((file) => file.endsWith('.pid'))
    .map((file) => file.slice(0, -'.pid'.length))
    .sort();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Kills what is left of a process group whose leader died (kill -9 of a chaincode server's supervisor
 * leaves the server holding its port). Only when the leader is gone: while a group has members its id
 * cannot be handed to a new process, so the group is still ours; a live leader under that pid may be
 * someone else's. (A node API that died leaves its PostgreSQL to its successor, which shuts it down
 * gently: starts do not come here.)
 */
function clearLeftovers(paths: StatePaths, name: string): void {
  const record = readRecord(paths, name);
  if (record !== undefined && !isRunning(record.pid)) {
    try {
      process.kill(-record.pid, 'SIGKILL');
    } catch {
      // no group left
    }
  }
}

/**
 * SIGTERM, then SIGKILL after the grace period. Returns true if a process was running; if its leader
 * had died, what is left of its group is killed.
 */
export async function stopProcess(paths: StatePaths, name: string, graceMs = 10_000): Promise<boolean> {
  const pid = runningPid(paths, name);
  if (pid === undefined) clearLeftovers(paths, name);
  rmSync(paths.pid(name), { force: true });
  if (pid === undefined) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
  return true;
}

export function logTail(paths: StatePaths, name: string, lines = 15): string {
  const file = paths.log(name);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Sends SIGKILL to every process group this state folder started, synchronously: for exit handlers
 * of test runs, where no await is possible. `down` is the orderly way.
 */
export function killAllSync(paths: StatePaths): void {
  for (const name of knownProcesses(paths)) {
    const pid = runningPid(paths, name);
    if (pid !== undefined) signalGroup(pid, 'SIGKILL');
  }
}
