import { describe, expect, it } from 'vitest';
import { drillPassed, type FaultResult } from '../../src/drill/drill.ts';
import { drillTable } from '../../src/drill/drill-table.ts';
import { Tally } from '../../src/drill/tally.ts';

function result(overrides: Partial<FaultResult> = {}): FaultResult {
  const errors = new Tally();
  errors.add('ECONNREFUSED', 3);
  errors.add('PENDING');
  return {
    fault: 'supplier-peer',
    description: 'kill -9 the supplier org peer',
    acknowledged: 40,
    lost: 0,
    duplicated: 0,
    unfinished: 0,
    errors,
    recoverySeconds: 12.34,
    differences: 0,
    findings: [],
    ...overrides,
  };
}

describe('the drill table and verdict', () => {
  it('prints one row per fault with its errors by code and its recovery time', () => {
    const table = drillTable(
      [result(), result({ fault: 'two-orderers', recoverySeconds: undefined, differences: 2 })],
      60,
    );
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^\| fault +\| acknowledged \| lost \| duplicated \| unfinished \| reconcile +\| recovery/,
    );
    expect(lines[2]).toMatch(
      /\| supplier-peer +\| 40 +\| 0 +\| 0 +\| 0 +\| clean +\| 12\.3 s +\| ECONNREFUSED 3, PENDING 1 \|$/,
    );
    expect(lines[3]).toMatch(/\| 2 differences \| NOT within 60 s/);
  });

  it('passes only with nothing lost or duplicated, reconcile clean and every fault recovered', () => {
    const faults = ['supplier-peer', 'supplier-org'] as const;
    const good = [result(), result({ fault: 'supplier-org' })];
    expect(drillPassed(good, faults)).toBe(true);
    expect(drillPassed([result()], faults)).toBe(false);
    for (const bad of [{ lost: 1 }, { duplicated: 1 }, { differences: 1 }, { recoverySeconds: undefined }]) {
      expect(drillPassed([result(bad), result({ fault: 'supplier-org' })], faults)).toBe(false);
    }
  });
});
