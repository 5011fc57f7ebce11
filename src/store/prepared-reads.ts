import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Distinct statements a process prepares; past it, statements run unprepared (each backend keeps its own). */
const MAX_PREPARED = 100;

/**
 * Database.query on PostgreSQL: each distinct statement text is prepared once per connection (named after its
 * hash), so repeating a question skips parsing and analysing a statement of several kilobytes (0.1–0.3 ms of a
 * 2–4 ms answer). Every execution still gets a plan made for its own values: the pool's connections set
 * plan_cache_mode = force_custom_plan (preparedPoolConfig), so a plan is never reused for another tenant or period.
 * Behind a pooler that loses prepared statements, the statement is run again unprepared.
 */
export function preparedReads(pool: pg.Pool) {
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `kpibot_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      names.set(sql, name);
    }
    return name;
  };
  return async <T>(sql: string, values: readonly unknown[]): Promise<T[]> => {
    const name = nameOf(sql);
    try {
      return (await pool.query({ name, text: sql, values: values as unknown[] })).rows as T[];
    } catch (error) {
      // 26000 invalid_sql_statement_name, 42P05 duplicate_prepared_statement: a pooler mixed up sessions.
      const code = (error as { code?: string }).code;
      if (name === undefined || (code !== '26000' && code !== '42P05')) throw error;
      return (await pool.query(sql, values as unknown[])).rows as T[];
    }
  };
}

/**
 * Pool settings under which every execution of a prepared statement is planned for its own parameters: the
 * connection's startup options, after any the URL gives.
 */
export function preparedPoolConfig(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  // pg lets the URL's own options win over the config's: they move to the config, merged.
  parsed.searchParams.delete('options');
  const options = [given, '-c plan_cache_mode=force_custom_plan'].filter(Boolean).join(' ');
  return { connectionString: parsed.toString(), options };
}
