import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkContext } from '../scripts/context.ts';
import { ensureRunning, NodeExitedError, waitForNode, whenAnswering } from '../scripts/launch.ts';
import { StatePaths } from '../scripts/paths.ts';
import { knownProcesses, runningPid, startProcess, stopProcess } from '../scripts/processes.ts';
import { loadConfig } from '../scripts/config.ts';
import { planned } from './support/planned.ts';

function context(): NetworkContext {
  return {
    ...planned(loadConfig()),
    paths: new StatePaths(mkdtempSync(join(tmpdir(), 'scf-launch-'))),
    tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
    log: () => undefined,
  };
}

const sleeper = { command: '/bin/sleep', args: ['30'], env: {} };

describe('launching nodes', () => {
  const started: NetworkContext[] = [];
  const open = (): NetworkContext => {
    const ctx = context();
    started.push(ctx);
    return ctx;
  };

  afterEach(async () => {
    for (const ctx of started.splice(0)) {
      await Promise.all(knownProcesses(ctx.paths).map((name) => stopProcess(ctx.paths, name, 500)));
    }
  });

  it('waits for a live node that is still starting instead of starting it a second time', async () => {
    const ctx = open();
    const pid = startProcess(ctx.paths, { name: 'slow', ...sleeper });
    let probes = 0;
    const ready = (): Promise<boolean> => Promise.resolve((probes += 1) >= 3);
    await expect(ensureRunning(ctx, 'slow', ready, () => sleeper)).resolves.toBe(false);
    expect(runningPid(ctx.paths, 'slow')).toBe(pid);
  });

  it('starts a node that is not running and waits until it is ready', async () => {
    const ctx = open();
    let probes = 0;
    const ready = (): Promise<boolean> => Promise.resolve((probes += 1) >= 2);
    await expect(ensureRunning(ctx, 'fresh', ready, () => sleeper)).resolves.toBe(true);
    expect(runningPid(ctx.paths, 'fresh')).toBeDefined();
  });

  it('gives up at once when the node exits while waited for, naming it and its log', async () => {
    const ctx = open();
    startProcess(ctx.paths, {
      name: 'crasher',
      command: '/bin/sh',
      args: ['-c', 'echo boom; exit 3'],
      env: {},
    });
    const waiting = waitForNode(ctx, 'crasher', 'crasher port', () => Promise.resolve(false), 30_000);
    await expect(waiting).rejects.toBeInstanceOf(NodeExitedError);
    await expect(waiting).rejects.toThrow(/crasher is not running.*logs\/crasher\.log:\nboom/s);
  });

  it('retries a client call until the node answers, and returns its answer', async () => {
    const ctx = open();
    startProcess(ctx.paths, { name: 'server', ...sleeper });
    let calls = 0;
    const call = (): Promise<string> =>
      (calls += 1) < 3 ? Promise.reject(new Error('connection refused')) : Promise.resolve('channels');
    await expect(whenAnswering(ctx, 'server', 'server admin port', call)).resolves.toBe('channels');
  });

  it('reports the last failure and the log when the node never answers', async () => {
    const ctx = open();
    startProcess(ctx.paths, { name: 'mute', ...sleeper });
    const call = (): Promise<never> => Promise.reject(new Error('dial tcp: connection refused'));
    await expect(whenAnswering(ctx, 'mute', 'mute admin port', call, 600)).rejects.toThrow(
      /mute admin port not ready after 0\.6s\nlast attempt: dial tcp: connection refused\nmute log .*mute\.log/,
    );
  });
});
