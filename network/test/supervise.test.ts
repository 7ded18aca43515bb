import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatePaths } from '../scripts/paths.ts';
import { runningPid, startProcess, stopProcess } from '../scripts/processes.ts';

const SUPERVISOR = new URL('../scripts/supervise.sh', import.meta.url).pathname;

describe('supervise.sh', () => {
  it('restarts a command that exits, and stops it together with the command on SIGTERM', async () => {
    const state = new StatePaths(mkdtempSync(join(tmpdir(), 'scf-sup-')));
    const runs = join(state.root, 'runs');
    const script = `echo run >> ${runs}; [ $(wc -l < ${runs}) -ge 2 ] && exec sleep 30; exit 3`;
    startProcess(state, { name: 'sup', command: SUPERVISOR, args: ['/bin/sh', '-c', script], env: {} });

    await expect
      .poll(() => (existsSync(runs) ? readFileSync(runs, 'utf8') : ''), { timeout: 5000 })
      .toBe('run\nrun\n');
    expect(readFileSync(state.log('sup'), 'utf8')).toMatch(/exited with code 3; restarting in 1s/);

    await expect(stopProcess(state, 'sup', 3000)).resolves.toBe(true);
    expect(runningPid(state, 'sup')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readFileSync(runs, 'utf8')).toBe('run\nrun\n');
  });

  it('refuses to run without a command', () => {
    const state = new StatePaths(mkdtempSync(join(tmpdir(), 'scf-sup-')));
    startProcess(state, { name: 'empty', command: SUPERVISOR, args: [], env: {} });
    return expect
      .poll(() => (existsSync(state.log('empty')) ? readFileSync(state.log('empty'), 'utf8') : ''))
      .toMatch(/usage/);
  });
});
