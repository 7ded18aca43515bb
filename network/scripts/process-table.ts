import { readdirSync, readFileSync } from 'node:fs';

/** The state letter and process group of a process, from /proc/<pid>/stat; undefined where unreadable. */
function statOf(pid: number | string): { state: string; group: number } | undefined {
  try {
    // "<pid> (<command>) <state> <ppid> <pgrp> ...": the command may hold parentheses itself.
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const [state = '', , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, group: Number(group) };
  } catch {
    return undefined;
  }
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
