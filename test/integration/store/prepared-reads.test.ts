import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedPoolConfig } from '../../../src/store/prepared-reads.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';

describe('hot reads on PostgreSQL (Database.query)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres', { migrate: false });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('prepares each statement once per connection and plans every execution for its own values', async () => {
    const sql = 'SELECT $1::int + 1 AS n, current_setting($2::text) AS mode';
    const first = await t.db.query!<{ n: number; mode: string }>(sql, [1, 'plan_cache_mode']);
    const second = await t.db.query!<{ n: number; mode: string }>(sql, [41, 'plan_cache_mode']);
    expect(first).toEqual([{ n: 2, mode: 'force_custom_plan' }]);
    expect(second).toEqual([{ n: 42, mode: 'force_custom_plan' }]);
    const prepared = await t.db.query!<{ name: string }>(
      'SELECT name FROM pg_prepared_statements WHERE statement = $1::text',
      [sql],
    );
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^kpibot_[0-9a-f]{20}$/);
  });

  it('keeps the startup options a URL gives', () => {
    const config = preparedPoolConfig(
      'postgresql://u@db:5432/k?options=-c%20statement_timeout%3D5000&application_name=kpibot',
    );
    expect(config.options).toBe('-c statement_timeout=5000 -c plan_cache_mode=force_custom_plan');
    expect(config.connectionString).toBe('postgresql://u@db:5432/k?application_name=kpibot');
    expect(preparedPoolConfig('postgresql://u@db/k').options).toBe('-c plan_cache_mode=force_custom_plan');
  });
});
