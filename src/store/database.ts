import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { lockDataDir } from './embedded-lock.ts';
import { applyMigrations } from './migrate.ts';
import { AwaitingPGliteFactory } from './pglite-factory.ts';
import { preparedPoolConfig, preparedReads } from './prepared-reads.ts';

export type Prisma = PrismaClient;

export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: 'postgres' | 'pglite';
  /** Where the data lives, for messages: a redacted URL or the data directory. */
  readonly location: string;
  /**
   * PostgreSQL only: a read-only statement straight on Prisma's connection pool, without the client's own
   * per-query work (0.3–0.9 ms), prepared once per connection (prepared-reads.ts): for the hot reads of every
   * answer (src/store/rollups). Default pg type parsing.
   */
  readonly query?: <T>(sql: string, values: readonly unknown[]) => Promise<T[]>;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  /** Same, from another migrations directory (tests). */
  migrateFrom(dir: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… → PostgreSQL; undefined → embedded PGlite in dataDir. */
  url?: string | undefined;
  dataDir: string;
  /** Tests: PGlite fully in memory (no lock, nothing on disk). */
  inMemory?: boolean;
}

export class DatabaseUnavailableError extends Error {
  readonly code = 'database_unavailable';
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url) : openEmbedded(options.dataDir, options.inMemory ?? false);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ ...preparedPoolConfig(url), max: 10 });
  // An idle connection the server closes (restart, failover, a dropped test database) leaves the pool, and the
  // next query opens another; without a listener its error would end the process (Prisma's own listener is
  // removed when it disconnects, before the pool is ended).
  pool.on('error', () => {});
  const factory = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter: factory });
  const location = redactUrl(url);
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
  } catch (error) {
    await prisma.$disconnect().catch(() => {});
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${location}: ${(error as Error).message}\n` +
        'Check DATABASE_URL and that the server is running, or unset DATABASE_URL to use the embedded database.',
      { cause: error },
    );
  }
  return {
    prisma,
    kind: 'postgres',
    location,
    query: preparedReads(pool),
    migrate: () => migratePostgres(url),
    migrateFrom: (dir) => migratePostgres(url, dir),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Migrations run on a pool of their own, ended afterwards: the schema engine takes Prisma's session-level
 * advisory lock, and a pooled connection left open would hold it, making the next process (or the next
 * openDatabase in this one) wait for the lock's 10 s timeout.
 */
async function migratePostgres(url: string, dir?: string): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await applyMigrations(new PrismaPg(pool), dir);
  } finally {
    await pool.end();
  }
}

async function openEmbedded(dataDir: string, inMemory: boolean): Promise<Database> {
  const dir = path.resolve(dataDir);
  const lock = inMemory ? null : lockDataDir(dir);
  let pg: PGlite;
  try {
    pg = inMemory ? new PGlite('memory://') : new PGlite(path.join(dir, 'pgdata'));
    await pg.waitReady;
  } catch (error) {
    lock?.release();
    throw new DatabaseUnavailableError(
      `Cannot open the embedded database in ${dir}: ${(error as Error).message}\n` +
        'If it was created by another kpibot version, move that directory away (or set KPIBOT_DATA_DIR) and re-import.',
      { cause: error },
    );
  }
  const factory: SqlMigrationAwareDriverAdapterFactory = new AwaitingPGliteFactory(pg);
  const prisma = new PrismaClient({ adapter: factory });
  let closed = false;
  return {
    prisma,
    kind: 'pglite',
    location: inMemory ? 'memory' : dir,
    migrate: () => applyMigrations(factory),
    migrateFrom: (dir) => applyMigrations(factory, dir),
    close: async () => {
      if (closed) return;
      closed = true;
      await prisma.$disconnect().catch(() => {});
      await pg.close();
      lock?.release();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparseable URL)';
  }
}
