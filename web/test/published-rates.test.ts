// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

describe('rates that price offers', () => {
  it('are read with the API default (PUBLISHED only) everywhere but the rates page', () => {
    const readers = sourceFiles(SRC)
      .filter((path) => readFileSync(path, 'utf8').includes('BenchmarkRatesDocument'))
      .map((path) => relative(SRC, path));
    expect(readers).toContain('composables/useCurrentLpr.ts');
    const widened = readers.filter(
      (path) => path !== 'pages/bank/RatesPage.vue' && /statuses/.test(readFileSync(join(SRC, path), 'utf8')),
    );
    expect(widened).toEqual([]);
  });
});
