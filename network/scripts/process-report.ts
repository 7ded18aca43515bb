import type { RaftView } from './raft-view.ts';

export type ProcessKind = 'ca' | 'orderer' | 'peer' | 'chaincode' | 'node-api' | 'portal' | 'registry';

/**
 * healthy: it works (not only answers). STOPPED: no process. UNHEALTHY: the process lives but does not
 * work (no answer, a failed dependency, no Raft leader). LAGGING: it works but is behind (a ledger, a
 * projector). DEGRADED: it serves, incompletely (quarantined events); an operator must act.
 */
export type ProcessState = 'healthy' | 'STOPPED' | 'UNHEALTHY' | 'LAGGING' | 'DEGRADED';

/** One process of one org's node, as `status` shows it and the watch decides on it. */
export interface ProcessReport {
  name: string;
  kind: ProcessKind;
  org: string;
  endpoint: string;
  pid: number | undefined;
  state: ProcessState;
  /** What the state rests on, for people: "height 42 (highest 42)", "database fails". */
  detail: string;
  /** Its log file. */
  log: string;
  /** Blocks behind: a peer's or orderer's ledger, a node API's projector. */
  behind?: number;
  /** An orderer's Raft view, as its metrics gave it (for the watch's stuck-orderer check and --json). */
  raft?: RaftView;
}

/** Whether any process is wrong: then `status` exits 1, as it does when nothing runs at all. */
export function statusExitCode(reports: readonly ProcessReport[]): 0 | 1 {
  return reports.length > 0 && reports.every((report) => report.state === 'healthy') ? 0 : 1;
}

function stateText(report: ProcessReport): string {
  return report.state === 'LAGGING' && report.behind !== undefined
    ? `LAGGING ${report.behind} behind`
    : report.state;
}

/** One line per process, then a verdict line naming what is wrong. */
export function formatReports(reports: readonly ProcessReport[]): string {
  const lines = reports.map((report) => {
    const pid = report.pid === undefined ? '-' : String(report.pid);
    return (
      `${report.name.padEnd(22)} ${report.kind.padEnd(9)} ${report.endpoint.padEnd(22)} ` +
      `pid ${pid.padEnd(8)} ${stateText(report).padEnd(18)} ${report.detail}`
    );
  });
  const wrong = reports.filter((report) => report.state !== 'healthy');
  lines.push(
    wrong.length === 0
      ? `all ${reports.length} processes healthy`
      : `${wrong.length} of ${reports.length} processes not healthy: ` +
          wrong.map((report) => `${report.name} ${stateText(report)}`).join(', '),
  );
  return `${lines.join('\n')}\n`;
}
