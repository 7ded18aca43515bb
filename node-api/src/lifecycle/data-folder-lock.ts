import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isRunning, procCwd, procText, sameFolder } from './processes.ts';

/** The lock file in the data folder: the pid of the node API that holds it. */
export const LOCK_FILE = 'node-api.pid';

/** Another node API runs on the data folder: a second one would fight it for its database and port. */
export class DataFolderInUseError extends Error {
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(
      `another node API (pid ${String(pid)}) is running on ${dataDir}; ` +
        `stop it first (kill ${String(pid)}), or give this one another SCF_DATA_DIR`,
    );
    this.name = DataFolderInUseError.name;
    this.pid = pid;
  }
}

export interface DataFolderLock {
  /** Gives the folder up (the node stopped); also done when the process exits. */
  release: () => void;
}

/**
 * Holds the node's data folder (SCF_DATA_DIR) for this process, or throws DataFolderInUseError naming
 * the node API that holds it. The lock is a pid file, made whole in one step (a link to a file
 * already written), so no one ever reads half of it. A file whose process is gone, or is no node API
 * of this folder (its pid reused since), is stale: it is removed and the lock taken.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (createLockFile(file)) {
      const release = (): void => {
        process.removeListener('exit', release);
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { release };
    }
    const holder = readPid(file);
    if (holder !== undefined && holdsFolder(holder, dataDir)) throw new DataFolderInUseError(dataDir, holder);
    // Another starter may have replaced the stale file meanwhile: remove only what was read.
    if (readPid(file) === holder) rmSync(file, { force: true });
  }
  throw new Error(`cannot lock ${dataDir}: ${file} keeps changing; is another node API starting?`);
}

function createLockFile(file: string): boolean {
  const written = `${file}.${String(process.pid)}`;
  writeFileSync(written, `${String(process.pid)}\n`);
  try {
    linkSync(written, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(written, { force: true });
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is a running node API of `dataDir`: a live process whose environment names the folder
 * as SCF_DATA_DIR. A live process whose environment cannot be read (another user's) counts as one.
 */
function holdsFolder(pid: number, dataDir: string): boolean {
  if (pid === process.pid || !isRunning(pid)) return false;
  const environ = procText(pid, 'environ');
  if (environ === undefined) return true;
  const setting = environ
    .split('\0')
    .find((entry) => entry.startsWith('SCF_DATA_DIR='))
    ?.slice('SCF_DATA_DIR='.length);
  if (setting === undefined) return false;
  const folder = isAbsolute(setting) ? setting : resolve(procCwd(pid) ?? '/', setting);
  return sameFolder(folder, dataDir);
}
