import { groupMembers, startTicksOf } from '../scripts/process-table.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatePaths } from '../scripts/paths.ts';
import {
  knownProcesses,
  logTail,
  runningPid,
  startProcess,
  stopProcess,
  StopRequestedError,
} from '../scripts/processes.ts';

const paths = (): StatePaths => new StatePaths(mkdtempSync(join(tmpdir(), 'scf-proc-')));

describe('processes', () => {
  it('starts a detached process, finds it by pid file, and stops it', async () => {
    const state = paths();
    const pid = startProcess(state, { name: 'sleeper', command: '/bin/sleep', args: ['30'], env: {} });
    expect(runningPid(state, 'sleeper')).toBe(pid);
    expect(knownProcesses(state)).toEqual(['sleeper']);
    await expect(stopProcess(state, 'sleeper')).resolves.toBe(true);
    expect(runningPid(state, 'sleeper')).toBeUndefined();
    expect(knownProcesses(state)).toEqual([]);
  });

  it('escalates to SIGKILL when a process ignores SIGTERM', async () => {
    const state = paths();
    startProcess(state, {
      name: 'stubborn',
      command: '/bin/sh',
      args: ['-c', 'trap "" TERM; sleep 30 & wait'],
      env: {},
    });
    const started = Date.now();
    await expect(stopProcess(state, 'stubborn', 500)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(runningPid(state, 'stubborn')).toBeUndefined();
  });

  it('does not mistake a reused pid for its process', () => {
    const state = paths();
    startProcess(state, { name: 'real', command: '/bin/true', args: [], env: {} });
    writeFileSync(
      state.pid('ghost'),
      JSON.stringify({ pid: process.pid, command: '/usr/bin/orderer', startedAt: '' }),
    );
    expect(runningPid(state, 'ghost')).toBeUndefined();
  });

  it('leaves alone a process of the same command that came later under a recorded pid', async () => {
    const state = paths();
    const other = paths();
    // Another network's node of the same kind, now holding the pid an old record names.
    const pid = startProcess(other, { name: 'ca', command: '/bin/sleep', args: ['30'], env: {} });
    const ticks = startTicksOf(pid);
    expect(ticks).toBeGreaterThan(0);
    mkdirSync(state.pids, { recursive: true });
    writeFileSync(
      state.pid('ca'),
      JSON.stringify({ pid, command: '/bin/sleep', startedAt: '', startTicks: (ticks ?? 0) - 1 }),
    );
    expect(runningPid(state, 'ca')).toBeUndefined();
    await expect(stopProcess(state, 'ca', 500)).resolves.toBe(false);
    expect(runningPid(other, 'ca')).toBe(pid);
    await expect(stopProcess(other, 'ca')).resolves.toBe(true);
  });

  it('reports nothing to stop for an unknown process', async () => {
    await expect(stopProcess(paths(), 'nothing')).resolves.toBe(false);
  });

  it('keeps the output in logs/<name>.log', async () => {
    const state = paths();
    startProcess(state, {
      name: 'echo',
      command: '/bin/sh',
      args: ['-c', 'echo hello from $GREETING'],
      env: { GREETING: 'env' },
    });
    await expect.poll(() => logTail(state, 'echo')).toBe('hello from env');
    expect(logTail(state, 'none')).toBe('(no log)');
  });

  it('kills what is left of a group whose leader was killed when it is stopped', async () => {
    const state = paths();
    const leader = startProcess(state, {
      name: 'sup',
      command: '/bin/sh',
      args: ['-c', 'sleep 30 & wait'],
      env: {},
    });
    await expect.poll(() => groupMembers(leader).length).toBe(2);
    process.kill(leader, 'SIGKILL');
    await expect.poll(() => groupMembers(leader).length).toBe(1);
    expect(runningPid(state, 'sup')).toBeUndefined();
    await expect(stopProcess(state, 'sup')).resolves.toBe(false);
    await expect.poll(() => groupMembers(leader)).toEqual([]);
  });

  it('starts nothing once a stop was requested, until the request is gone', () => {
    const state = paths();
    writeFileSync(state.stopRequested, '');
    const start = (): number =>
      startProcess(state, { name: 'late', command: '/bin/true', args: [], env: {} });
    expect(start).toThrow(StopRequestedError);
    expect(knownProcesses(state)).toEqual([]);
  });
});
