// Generates the Prisma client offline. Generation itself runs in WASM; the CLI only insists that a native
// schema-engine binary exists, which it cannot download here, so point it at any existing file. This variable is
// set for `generate` only: with it set, `migrate` commands silently do nothing (we migrate with src/store/migrate.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (result.status !== 0) {
  process.stderr.write(result.stdout ?? '');
  process.stderr.write(
    '\nprisma generate failed: see the message above (the schema is prisma/schema.prisma).\n',
  );
  process.exit(result.status ?? 1);
}
