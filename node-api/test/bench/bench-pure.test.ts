import { describe, expect, it } from 'vitest';
import { benchSettings, SettingsError, timestampFolder } from '../../bench/bench-settings.ts';
import { cpuPerTransaction, ratioRows, throughputRows } from '../../bench/bench-summary.ts';
import { parseCaliperSummary } from '../../bench/caliper-config.ts';
import { niceCeiling, throughputChart } from '../../bench/chart-svg.ts';
import { topSelfTime } from '../../bench/cpu-profile-summary.ts';
import { cpuBetween } from '../../bench/cpu-meter.ts';
import { cpuMsOf, parseProcStat, totalTicks } from '../../bench/proc-stat.ts';
import { peerWorkPerTransaction } from '../../bench/peer-counters.ts';
import type { RoundResult } from '../../bench/steady-round.ts';
import { ratio, Samples, spread } from '../../bench/stats.ts';

function round(workload: string, clients: number, transactions: number, seconds = 10): RoundResult {
  const latency = new Samples(workload);
  for (let ms = 1; ms <= 10; ms += 1) latency.add(ms * 100);
  return {
    workload,
    clients,
    run: 1,
    seconds,
    transactions,
    cycles: 0,
    failures: 0,
    retries: 0,
    failuresBy: new Map(),
    latency: new Map([[workload, latency]]),
    cpuMs: new Map([['peers', transactions * 20]]),
  };
}

describe('spread and ratio', () => {
  it('gives median, range and interpolated quartiles whatever the input order', () => {
    expect(spread([30, 10, 20, 40])).toEqual({ median: 25, min: 10, max: 40, q1: 17.5, q3: 32.5 });
    expect(spread([7]).median).toBe(7);
  });

  it('prints a ratio to two decimals and a dash when it cannot be formed', () => {
    expect(ratio(84.5, 90)).toBe('0.94');
    expect(ratio(1, 0)).toBe('–');
    expect(ratio(undefined, 3)).toBe('–');
  });
});

describe('/proc/<pid>/stat', () => {
  it('reads utime, stime, cutime and cstime even when the command holds spaces and parentheses', () => {
    const line =
      '4242 (node (cc) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 89 10 20 0 11 0 1000 0 0\n';
    const ticks = parseProcStat(line);
    expect(ticks).toEqual({ user: 1234, system: 567, childrenUser: 89, childrenSystem: 10 });
    expect(totalTicks(ticks)).toBe(1900);
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('no parentheses here')).toThrow(/not a \/proc/);
    expect(() => parseProcStat('1 (x) S 1 2')).toThrow(/unreadable CPU times/);
  });

  it('reads this process and gives 0 for one that does not exist', () => {
    expect(cpuMsOf('self')).toBeGreaterThan(0);
    expect(cpuMsOf(2 ** 30)).toBe(0);
  });

  it('takes CPU deltas per component and never a negative one (a restarted process)', () => {
    const before = new Map([
      ['peers', 100],
      ['chaincode', 500],
    ]);
    const after = new Map([
      ['peers', 160],
      ['chaincode', 20],
    ]);
    expect(cpuBetween(before, after)).toEqual(
      new Map([
        ['peers', 60],
        ['chaincode', 0],
      ]),
    );
  });
});

describe('bench summary', () => {
  const rounds = [
    round('no-op', 16, 900),
    round('no-op', 16, 1000),
    round('one-write', 16, 850),
    round('one-write', 16, 810),
    round('life-cycle', 16, 420),
    round('life-cycle', 16, 440),
  ];

  it('groups runs into median tx/s with their range', () => {
    const rows = throughputRows(rounds);
    expect(rows.map((row) => [row.workload, row.runs, row.rate.median, row.rate.min])).toEqual([
      ['no-op', 2, 95, 90],
      ['one-write', 2, 83, 81],
      ['life-cycle', 2, 43, 42],
    ]);
    expect(rows[0]?.p95Ms).toBe(1000);
  });

  it('forms the issue ratios from medians', () => {
    expect(ratioRows(throughputRows(rounds))).toEqual([
      ['16', '0.87', '0.52'],
      ['best of sweep', '0.87', '0.52'],
    ]);
  });

  it('divides each component CPU by committed transactions', () => {
    const rows = cpuPerTransaction(
      [{ name: 'one-write', transactions: 200, cpuMs: new Map([['peers', 5000]]) }],
      ['peers', 'orderers'],
    );
    expect(rows).toEqual([['one-write', 200, '25.00', '0.00', '25.00']]);
  });
});

describe('peer work per transaction', () => {
  it('divides what the peers counted between two readings by the transactions, requests largest first', () => {
    const before = {
      endorsements: 40,
      shim: new Map([
        ['GET_STATE', 100],
        ['PUT_STATE', 40],
        ['GET_STATE_BY_RANGE', 3],
      ]),
    };
    const after = {
      endorsements: 65,
      shim: new Map([
        ['GET_STATE', 160],
        ['PUT_STATE', 55],
        ['GET_STATE_BY_RANGE', 3],
        ['PUT_STATE_METADATA', 10],
      ]),
    };
    expect(peerWorkPerTransaction(before, after, 10)).toEqual({
      endorsements: '2.5',
      shim: 'GET_STATE 6.0, PUT_STATE 1.5, PUT_STATE_METADATA 1.0',
    });
  });
});

describe('throughput chart', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(84)).toBe(100);
    expect(niceCeiling(101)).toBe(200);
    expect(niceCeiling(0)).toBe(1);
  });

  it('draws one line per workload and escapes names', () => {
    const svg = throughputChart(
      [
        {
          name: 'no-op',
          points: [
            { clients: 4, median: 40, min: 38, max: 41 },
            { clients: 16, median: 90, min: 85, max: 93 },
          ],
        },
        { name: 'a<b', points: [{ clients: 4, median: 30, min: 30, max: 30 }] },
      ],
      'tx/s & clients',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('a&#60;b');
    expect(svg).toContain('tx/s &#38; clients');
    expect(svg).not.toContain('NaN');
  });
});

describe('CPU profile summary', () => {
  it('charges each sample the time until the next one and leaves idle out', () => {
    const frame = (functionName: string): { functionName: string; url: string; lineNumber: number } => ({
      functionName,
      url: 'file:///x/node_modules/fabric-shim/lib/handler.js',
      lineNumber: 9,
    });
    const top = topSelfTime(
      {
        nodes: [
          { id: 1, callFrame: frame('(idle)') },
          { id: 2, callFrame: frame('handle') },
          { id: 3, callFrame: frame('') },
        ],
        samples: [2, 1, 3, 2],
        timeDeltas: [0, 3000, 50_000, 1000, 0],
      },
      5,
    );
    expect(top).toEqual([
      { function: 'handle (fabric-shim/lib/handler.js:10)', selfMs: 3, share: 0.75 },
      { function: '(anonymous) (fabric-shim/lib/handler.js:10)', selfMs: 1, share: 0.25 },
    ]);
  });
});

describe('Caliper summary', () => {
  it('reads each round of the table Caliper prints, once', () => {
    const table = [
      '+-----------+------+------+-----------------+-----------------+-----------------+-----------------+------------------+',
      '| Name      | Succ | Fail | Send Rate (TPS) | Max Latency (s) | Min Latency (s) | Avg Latency (s) | Throughput (TPS) |',
      '|-----------|------|------|-----------------|-----------------|-----------------|-----------------|------------------|',
      '| \u001b[32mone-write\u001b[0m | 1690 | 2    | 84.6            | 1.20            | 0.10            | 0.19            | 84.5             |',
      '| no-op     | 1800 | 0    | 90.1            | 1.00            | 0.10            | 0.17            | 89.9             |',
      '| refused   | 0    | 269  | 27.2            | -               | -               | -               | 27.1             |',
    ].join('\n');
    const results = parseCaliperSummary(`${table}\n${table}`);
    expect(results).toEqual([
      { name: 'one-write', succeeded: 1690, failed: 2, throughput: 84.5, avgLatencySeconds: 0.19 },
      { name: 'no-op', succeeded: 1800, failed: 0, throughput: 89.9, avgLatencySeconds: 0.17 },
      { name: 'refused', succeeded: 0, failed: 269, throughput: 27.1, avgLatencySeconds: Number.NaN },
    ]);
  });
});

describe('bench settings', () => {
  const now = new Date('2026-11-30T20:54:39.123Z');

  it('has a quick variant and reads the sweep from the environment', () => {
    expect(benchSettings(['--quick'], {}, now)).toMatchObject({ quick: true, clients: [16], runs: 2 });
    const full = benchSettings([], { BENCH_CLIENTS: '2, 8', BENCH_ROUND_S: '20' }, now);
    expect(full).toMatchObject({
      quick: false,
      clients: [2, 8],
      roundMs: 20_000,
      cpuProfile: false,
      peerProfile: false,
    });
    expect(full.reportDir.endsWith('reports/bench/2026-11-30T20-54-39Z')).toBe(true);
    expect(benchSettings(['--peer-prof'], {}, now)).toMatchObject({ cpuProfile: false, peerProfile: true });
  });

  it('refuses bad values by name', () => {
    expect(() => benchSettings([], { BENCH_CLIENTS: '4,x' }, now)).toThrow(SettingsError);
    expect(() => benchSettings([], { BENCH_RUNS: '0' }, now)).toThrow(/BENCH_RUNS/);
    expect(() => benchSettings([], { BENCH_WORKLOADS: 'no-op,typo' }, now)).toThrow(/typo/);
  });

  it('names report folders by time, without colons', () => {
    expect(timestampFolder(now)).toBe('2026-11-30T20-54-39Z');
  });
});
