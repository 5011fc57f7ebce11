import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/store/database.ts';
import { EmbeddedDatabaseLockedError } from '../../../src/store/embedded-lock.ts';
import { diffMigrationsToSchema, isEmptyDiff, MigrationError } from '../../../src/store/migrate.ts';
import { migrationsDir, projectRoot } from '../../../src/store/migrations-dir.ts';
import { AwaitingPGliteFactory } from '../../../src/store/pglite-factory.ts';
import { createTestDatabase, databaseKinds } from '../../support/databases.ts';

const tmpDirs: string[] = [];
async function tmpDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kpibot-test-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('migrations', () => {
  it('produce exactly prisma/schema.prisma (no drift)', async () => {
    const pg = new PGlite('memory://');
    try {
      const diff = await diffMigrationsToSchema(new AwaitingPGliteFactory(pg));
      expect(
        isEmptyDiff(diff),
        `schema.prisma differs from the migrations; run npm run db:migration:\n${diff}`,
      ).toBe(true);
    } finally {
      await pg.close();
    }
  });

  describe.each(databaseKinds)('on %s', (kind) => {
    it('apply once, then nothing is pending', async () => {
      const t = await createTestDatabase(kind, { migrate: false });
      try {
        const first = await t.db.migrate();
        expect(first.length).toBeGreaterThan(0);
        expect(first[0]).toMatch(/^\d{14}_init$/);
        expect(await t.db.migrate()).toEqual([]);
        const rows = await t.db.prisma.$queryRawUnsafe<
          { migration_name: string; finished_at: Date | null }[]
        >('SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name');
        expect(rows.map((r) => r.migration_name)).toEqual(first);
        expect(rows.every((r) => r.finished_at !== null)).toBe(true);
        // The model is usable through the client.
        await t.db.prisma.tenant.create({ data: { id: 'acme', name: 'Acme' } });
        expect(await t.db.prisma.tenant.count()).toBe(1);
      } finally {
        await t.dispose();
      }
    });

    it('report a failing migration and do not record it as applied', async () => {
      const dir = await tmpDir();
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(path.join(dir, '29990101000000_broken'));
      await writeFile(
        path.join(dir, '29990101000000_broken', 'migration.sql'),
        'CREATE TABLE "Half" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;\n',
      );
      const t = await createTestDatabase(kind, { migrate: false });
      try {
        const error = await applyMigrationsOn(t.db, dir).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationError);
        expect((error as Error).message).toMatch(/NoSuchTable/);
        const rows = await t.db.prisma.$queryRawUnsafe<
          { migration_name: string; finished_at: Date | null }[]
        >('SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name');
        const broken = rows.find((r) => r.migration_name === '29990101000000_broken');
        expect(broken?.finished_at ?? null).toBeNull();
        // A second attempt refuses to go on past the failed migration instead of pretending it is fine.
        await expect(applyMigrationsOn(t.db, dir)).rejects.toBeInstanceOf(MigrationError);
      } finally {
        await t.dispose();
      }
    });
  });
});

function applyMigrationsOn(db: Database, dir: string): Promise<string[]> {
  return db.migrateFrom(dir);
}

describe('embedded database', () => {
  it('persists across close and reopen', async () => {
    const dir = await tmpDir();
    const db = await openDatabase({ dataDir: dir });
    await db.migrate();
    await db.prisma.tenant.create({ data: { id: 't1', name: 'T1' } });
    await db.close();
    const again = await openDatabase({ dataDir: dir });
    try {
      expect(await again.migrate()).toEqual([]);
      expect((await again.prisma.tenant.findUnique({ where: { id: 't1' } }))?.name).toBe('T1');
    } finally {
      await again.close();
    }
  });

  it('refuses a second opener in this process', async () => {
    const dir = await tmpDir();
    const db = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(EmbeddedDatabaseLockedError);
    } finally {
      await db.close();
    }
  });

  it('refuses a second process with a clear message, and a dead owner’s lock is taken over', async () => {
    const dir = await tmpDir();
    const db = await openDatabase({ dataDir: dir });
    const script = `
      import { openDatabase } from './src/store/database.ts';
      try { const db = await openDatabase({ dataDir: ${JSON.stringify(dir)} }); await db.close(); console.log('opened'); }
      catch (e) { console.log(e.code + ': ' + e.message); }`;
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: projectRoot,
        encoding: 'utf8',
      });
    try {
      const out = run();
      expect(out.stdout).toMatch(/^database_locked: .*already in use by another kpibot process \(pid \d+\)/);
      expect(out.stdout).toMatch(/DATABASE_URL/);
    } finally {
      await db.close();
    }
    // A lock left by a process that no longer exists does not block.
    await writeFile(path.join(dir, 'kpibot.lock'), '999999');
    expect(run().stdout.trim()).toBe('opened');
  });
});
