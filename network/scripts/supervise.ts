/**
 * Keeps one chaincode server running: restarts it when it exits, with a backoff that resets after a
 * minute of uptime; SIGTERM/SIGINT stop it for good. Usage: node supervise.ts <command> [args...]
 */
import { spawn, type ChildProcess } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node supervise.ts <command> [args...]\n');
  process.exit(2);
}

const MAX_BACKOFF_MS = 30_000;
const STABLE_MS = 60_000;
let child: ChildProcess | undefined;
let stopping = false;
let backoffMs = 1_000;

function stamp(message: string): void {
  process.stdout.write(`${new Date().toISOString()} [supervise] ${message}\n`);
}

function start(program: string): void {
  const startedAt = Date.now();
  child = spawn(program, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (stopping) process.exit(0);
    if (Date.now() - startedAt > STABLE_MS) backoffMs = 1_000;
    stamp(`${program} exited (${signal ?? `code ${String(code)}`}); restarting in ${backoffMs} ms`);
    setTimeout(() => {
      start(program);
    }, backoffMs);
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  });
}

function stop(): void {
  stopping = true;
  if (!child || child.exitCode !== null) process.exit(0);
  child.kill('SIGTERM');
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
start(command);
