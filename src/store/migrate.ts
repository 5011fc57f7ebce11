import { readFile } from 'node:fs/promises';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { readMigrations, schemaPath } from './migrations-dir.ts';
import { noFilters, withSchemaEngine } from './schema-engine.ts';

export class MigrationError extends Error {
  readonly code = 'migration_failed';
}

/** Applies the pending migrations of prisma/migrations, as `prisma migrate deploy` would. Returns their names. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  dir?: string,
): Promise<string[]> {
  const migrationsList = await readMigrations(dir);
  try {
    return await withSchemaEngine(factory, async (engine) => {
      const out = await engine.applyMigrations({ migrationsList, filters: noFilters() });
      return out.appliedMigrationNames;
    });
  } catch (error) {
    throw new MigrationError(
      `Database migration failed: ${describeEngineError(error)}\n` +
        'Nothing after the failing migration was applied. Fix the cause (see above), then run `kpibot migrate` again.',
      { cause: error },
    );
  }
}

/**
 * The SQL that would take a database built by the migrations to prisma/schema.prisma; empty when they agree.
 * The migrations are replayed on an in-memory PGlite shadow database.
 */
export async function diffMigrationsToSchema(
  factory: SqlMigrationAwareDriverAdapterFactory,
  dir?: string,
): Promise<string> {
  const migrationsList = await readMigrations(dir);
  const schema = await readFile(schemaPath, 'utf8');
  return withSchemaEngine(factory, async (engine) => {
    const out = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters(),
    });
    return (out.stdout ?? '').trim();
  });
}

export function isEmptyDiff(sql: string): boolean {
  return sql.replace(/^--.*$/gm, '').trim() === '';
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; error?: unknown };
    if (typeof e.message === 'string') return e.message;
    return JSON.stringify(error);
  }
  return String(error);
}
