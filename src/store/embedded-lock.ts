import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite allows one process per data directory and has no lock of its own: two processes on one directory
 * corrupt it. A lock file with our pid, created atomically, turns that into a clear error.
 */
export class EmbeddedDatabaseLockedError extends Error {
  readonly code = 'database_locked';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is already in use by another kpibot process (pid ${pid}).\n` +
        'Stop that process first, or set DATABASE_URL to a PostgreSQL server to run several kpibot processes.',
    );
  }
}

export interface Lock {
  release(): void;
}

const heldHere = new Set<string>();

export function lockDataDir(dir: string): Lock {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kpibot.lock');
  if (heldHere.has(file)) throw new EmbeddedDatabaseLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(file);
      return {
        release: () => {
          heldHere.delete(file);
          if (readPid(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readPid(file);
      if (pid !== null && pid !== process.pid && isAlive(pid))
        throw new EmbeddedDatabaseLockedError(dir, pid);
      // A stale lock from a process that died without cleaning up (its pid may even be ours again after a
      // container restart, which heldHere rules out as a double open): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}: remove it if no kpibot process is running.`);
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
