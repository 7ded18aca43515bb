import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A unit test file's temporary folders (keys, state folders, proposals, chaincode packages: whatever it
 * makes under os.tmpdir()) go into one folder of the file's own, removed once the file is done, so that
 * npm test leaves nothing behind in /tmp. Node reads TMPDIR on every os.tmpdir() call; the worker runs
 * file after file in one process (`isolate: false`), so each file starts again from the original.
 */
const outer = (process.env.SCF_OUTER_TMPDIR ??= tmpdir());
const own = mkdtempSync(join(outer, 'scf-unit-'));
// As open as /tmp itself (sticky, world-writable): embedded PostgreSQL's initdb runs as another user
// and reads the password file it was handed from here.
chmodSync(own, 0o1777);
process.env.TMPDIR = own;

// Registered before the file's own hooks, so it runs after them (Vitest runs after-hooks as a stack).
afterAll(() => {
  process.env.TMPDIR = outer;
  rmSync(own, { recursive: true, force: true });
});
