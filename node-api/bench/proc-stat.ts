import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU time of one process in clock ticks, from /proc/<pid>/stat: its own and its reaped children's. */
export interface CpuTicks {
  user: number;
  system: number;
  childrenUser: number;
  childrenSystem: number;
}

/**
 * Fields 14–17 of /proc/<pid>/stat (utime, stime, cutime, cstime). The command name in parentheses may
 * hold spaces and parentheses itself, so the fields are counted from the last ')'.
 */
export function parseProcStat(text: string): CpuTicks {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 60)}`);
  // After ')': state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ')
    .slice(11, 15)
    .map(Number);
  if (fields.length < 4 || fields.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new Error(`unreadable CPU times in /proc/<pid>/stat: ${text.slice(0, 60)}`);
  }
  const [user = 0, system = 0, childrenUser = 0, childrenSystem = 0] = fields;
  return { user, system, childrenUser, childrenSystem };
}

/** All four times together: a process's own CPU plus what its children used before they were reaped. */
export function totalTicks(ticks: CpuTicks): number {
  return ticks.user + ticks.system + ticks.childrenUser + ticks.childrenSystem;
}

let ticksPerSecond: number | undefined;

/** The kernel's USER_HZ (`getconf CLK_TCK`), 100 on every Linux this runs on if getconf is missing. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU milliseconds the process (and its reaped children) used so far; 0 once it is gone. */
export function cpuMsOf(pid: number | 'self'): number {
  let text: string;
  try {
    text = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  } catch {
    return 0;
  }
  return (totalTicks(parseProcStat(text)) * 1000) / clockTicksPerSecond();
}
