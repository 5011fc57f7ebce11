import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Prisma's schema engine compiled to WASM, driven through a driver adapter. It plans and applies migrations
 * exactly as `prisma migrate` does (same SQL, same `_prisma_migrations` table) without the native binary,
 * which cannot be downloaded on offline machines.
 */
export type SchemaEngine = bindings.SchemaEngine;

let loading: Promise<void> | undefined;

// The package's entry file imports the .wasm directly, which Node cannot do: instantiate it ourselves.
function loadWasm(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const bytes = await readFile(wasmPath);
    const { instance } = await wasmRuntime().instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports as never);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === 'function') start();
  })();
  return loading;
}

// @types/node declares WebAssembly's types but not its runtime object (that lives in lib.dom).
interface WasmRuntime {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> & object } }>;
}
const wasmRuntime = () => (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

export type EngineLog = (line: string) => void;

export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  use: (engine: SchemaEngine) => Promise<T>,
  log: EngineLog = () => {},
): Promise<T> {
  await loadWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: undefined },
    (line: string) => log(line),
    bound,
  );
  try {
    return await use(engine);
  } catch (error) {
    throw withDriverError(error, bound.errorRegistry);
  } finally {
    engine.free();
  }
}

/**
 * The engine reports a database error as "External error id#N"; the error itself stays in the adapter's
 * registry. Put its message (e.g. `relation "x" does not exist`) back into the error the caller sees.
 */
function withDriverError(
  error: unknown,
  registry: { consumeError(id: number): { error: unknown } | undefined },
) {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const record = id === undefined ? undefined : registry.consumeError(Number(id));
  if (!record) return error;
  const cause = record.error as { message?: unknown; originalMessage?: unknown; kind?: unknown };
  const detail =
    typeof cause?.originalMessage === 'string'
      ? cause.originalMessage
      : typeof cause?.message === 'string'
        ? cause.message
        : JSON.stringify(cause);
  return new Error(`${detail}\n${message}`, { cause: error });
}

export const noFilters = (): { externalTables: string[]; externalEnums: string[] } => ({
  externalTables: [],
  externalEnums: [],
});
