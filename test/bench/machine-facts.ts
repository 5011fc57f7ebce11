import os from 'node:os';
import type { Database } from '../../src/store/database.ts';

/** The machine and database settings the figures were measured on, for the report. */
export async function machineFacts(db: Database): Promise<string> {
  const cpus = os.cpus();
  const settings = await db.prisma.$queryRawUnsafe<{ name: string; setting: string }[]>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings
     WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit',
                    'max_wal_size', 'synchronous_commit')
     ORDER BY name`,
  );
  const pg = Object.fromEntries(settings.map((s) => [s.name, s.setting]));
  return [
    `machine: ${cpus.length} CPU cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`,
    `PostgreSQL ${pg.server_version} on the same machine: shared_buffers ${pg.shared_buffers}, work_mem ${pg.work_mem}, max_parallel_workers_per_gather ${pg.max_parallel_workers_per_gather}, jit ${pg.jit}, max_wal_size ${pg.max_wal_size}, synchronous_commit ${pg.synchronous_commit}`,
  ].join('\n');
}
