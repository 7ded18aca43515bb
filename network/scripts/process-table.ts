import { readdirSync, readFileSync } from 'node:fs';

/**
 * The state letter, process group and start time (clock ticks after boot) of a process, from
 * /proc/<pid>/stat; undefined where unreadable.
 */
function statOf(pid: number | string): { state: string; group: number; startTicks: number } | undefined {
  try {
    // "<pid> (<command>) <state> <ppid> <pgrp> ...": the command may hold parentheses itself;
    // the start time is field 22 of the line, the 20th after the command.
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', group: Number(fields[2]), startTicks: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

/**
 * When the process with this pid started, in clock ticks after boot: with the pid, it names one
 * process for good (pids come round again: this machine hands out at most 32,768). Undefined where
 * /proc cannot say (not Linux, or the process is gone).
 */
export function startTicksOf(pid: number): number | undefined {
  const ticks = statOf(pid)?.startTicks;
  return ticks !== undefined && Number.isFinite(ticks) ? ticks : undefined;
}

/**
 * Whether a process runs: it answers signal 0 (or exists under another user) and is no zombie, which
 * still answers signal 0 until its parent reaps it.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return statOf(pid)?.state !== 'Z';
}

/** The live processes of a process group, from /proc. */
export function groupMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      const stat = statOf(entry);
      return stat !== undefined && stat.state !== 'Z' && stat.group === group;
    })
    .map(Number);
}
