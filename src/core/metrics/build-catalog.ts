import { CatalogError, type CatalogProblem } from './catalog-error.ts';
import { closestNames } from './closest-names.ts';
import { compileMetric } from './compile-metric.ts';
import type { MetricLookup, ProblemPath } from './compile-types.ts';
import type { Catalog, CompiledMetric } from './metric-def.ts';
import { METRIC_INPUT_FIELDS, type MetricInput, metricInputSchema } from './metric-input.ts';

interface Entry {
  index: number;
  input: MetricInput | undefined;
  state: 'pending' | 'compiling' | 'done' | 'failed';
  compiled?: CompiledMetric;
}

/**
 * Validates and compiles metric definitions (built-in or from a user's file) into a catalog. Definitions may name
 * metrics of `base` and of each other in their formulas; a definition named like a base metric replaces it in
 * place. Base metrics are kept as compiled: they do not see overrides. Throws a CatalogError with every problem.
 */
export function buildCatalog(defs: unknown[], base?: Catalog): Catalog {
  const problems: CatalogProblem[] = [];
  const entries = new Map<string, Entry>();
  const order: Entry[] = [];

  defs.forEach((def, index) => {
    const report = (path: ProblemPath, message: string, onKey = false) =>
      problems.push({ index, metric: nameOf(def, index), path, message, ...(onKey && { onKey }) });
    const parsed = metricInputSchema.safeParse(def);
    let input = parsed.data;
    if (!parsed.success) {
      const badFields = new Set<string>();
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) report([...path, key], unknownFieldMessage(key, path.length), true);
          if (path.length === 0) for (const key of issue.keys) badFields.add(key);
        } else {
          report(path, issue.message);
        }
        if (path.length > 0) badFields.add(String(path[0]));
      }
      input = withoutFields(def, badFields);
    }
    const name = input?.name ?? nameOf(def, index);
    // A definition with a bad field is still compiled without it, so its other problems are reported too.
    const entry: Entry = { index, input, state: input ? 'pending' : 'failed' };
    if (entries.has(name)) {
      report(['name'], `another definition is already named ${name}`);
      return;
    }
    entries.set(name, entry);
    order.push(entry);
  });

  const names = [...new Set([...(base?.metrics.map((m) => m.name) ?? []), ...entries.keys()])];
  const lookup: MetricLookup = { get: (name) => resolve(name), names };

  function resolve(name: string): CompiledMetric | null | undefined {
    const entry = entries.get(name);
    if (!entry) return base?.get(name);
    if (entry.state === 'pending' && entry.input) {
      const input = entry.input;
      entry.state = 'compiling';
      const compiled = compileMetric(input, lookup, (path, message, details) =>
        problems.push({ index: entry.index, metric: input.name, path, message, ...details }),
      );
      entry.state = compiled ? 'done' : 'failed';
      entry.compiled = compiled;
    }
    return entry.state === 'done' ? (entry.compiled ?? null) : null;
  }

  for (const entry of order) if (entry.input) resolve(entry.input.name);
  if (problems.length > 0) {
    throw new CatalogError(problems.sort((a, b) => a.index - b.index));
  }
  const compiled = order.map((e) => e.compiled).filter((m): m is CompiledMetric => m !== undefined);
  const overrides = new Map(compiled.map((m) => [m.name, m]));
  const kept = (base?.metrics ?? []).map((m) => overrides.get(m.name) ?? m);
  const baseNames = new Set(kept.map((m) => m.name));
  return catalogOf([...kept, ...compiled.filter((m) => !baseNames.has(m.name))]);
}

export function catalogOf(metrics: readonly CompiledMetric[]): Catalog {
  const byName = new Map(metrics.map((m) => [m.name, m]));
  return { metrics, get: (name) => byName.get(name) };
}

function withoutFields(def: unknown, fields: ReadonlySet<string>): MetricInput | undefined {
  if (typeof def !== 'object' || def === null || fields.has('name') || fields.has('kind')) return undefined;
  const rest = Object.fromEntries(Object.entries(def).filter(([key]) => !fields.has(key)));
  return metricInputSchema.safeParse(rest).data;
}

function nameOf(def: unknown, index: number): string {
  if (typeof def === 'object' && def !== null && 'name' in def && typeof def.name === 'string' && def.name) {
    return def.name;
  }
  return `#${index + 1}`;
}

function unknownFieldMessage(key: string, depth: number): string {
  if (depth > 0) return `unknown field "${key}"`;
  const close = closestNames(key, METRIC_INPUT_FIELDS, 1);
  return `unknown field "${key}"${close.length > 0 ? `; did you mean ${close[0]}?` : ''}`;
}
