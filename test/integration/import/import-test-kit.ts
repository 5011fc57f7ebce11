import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../../src/store/database.ts';
import type { TenantDefaults } from '../../../src/store/tenants.ts';

export const parisDefaults: TenantDefaults = {
  tz: 'Europe/Paris',
  lang: 'en',
  weekStart: 1,
  fiscalYearStart: 1,
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const fixture = (name: string) => path.join(here, '../../fixtures/csv', name);
export const repoRoot = path.resolve(here, '../../..');

export function newTenantId(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** A temp directory for generated CSV files, removed by cleanup(). */
export async function csvDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kpibot-import-'));
  return {
    dir,
    write: async (name: string, content: string) => {
      const file = path.join(dir, name);
      await writeFile(file, content);
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The tenant's dirty rollup days as 'YYYY-MM-DD', sorted. */
export async function dirtyDays(db: Database, tenantId: string): Promise<string[]> {
  const rows = await db.prisma.rollupDirtyDay.findMany({ where: { tenantId }, orderBy: { day: 'asc' } });
  return rows.map((r) => r.day.toISOString().slice(0, 10));
}

/** A writable stream that keeps what is written, for stdout/stderr. */
export function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}
