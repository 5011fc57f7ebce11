import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  Scalar,
} from 'yaml';
import {
  buildCatalog,
  builtinCatalog,
  type Catalog,
  CatalogError,
  type CatalogProblem,
  describeProblem,
} from '../core/metrics/index.ts';

export interface MetricsFileProblem {
  /** 1-based, like an editor shows it. */
  line: number;
  col: number;
  message: string;
}

/** A metrics file that cannot be used; the message lists every problem as `file:line:col: …`. */
export class MetricsFileError extends Error {
  override readonly name = 'MetricsFileError';
  constructor(
    readonly path: string,
    readonly problems: readonly MetricsFileProblem[],
    summary = `Invalid metrics file ${path} (KPIBOT_METRICS)`,
  ) {
    const header = problems.length > 0 ? `${summary}:` : summary;
    super([header, ...problems.map((p) => `  ${path}:${p.line}:${p.col}: ${p.message}`)].join('\n'));
  }
}

/**
 * Reads the user's metric definitions (KPIBOT_METRICS=metrics.yaml): a YAML list of metrics, or a `metrics:` key
 * holding one. They are added to the built-in catalog; one named like a built-in metric replaces it. Every problem
 * is reported at once with its line, so a typo stops start-up with a pointer to fix it.
 */
export function loadMetricsFile(path: string, base: Catalog = builtinCatalog()): Catalog {
  const absolute = resolve(path);
  const text = readText(absolute);
  const lineCounter = new LineCounter();
  // merge: `<<: *base` lets one definition start from another.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      ...at(e.pos[0]),
      message: `YAML syntax: ${firstLine(e.message)}`,
    }));
    throw new MetricsFileError(absolute, problems);
  }
  const list = metricList(doc);
  if ('problem' in list)
    throw new MetricsFileError(absolute, [{ ...at(list.offset), message: list.problem }]);
  const seq = list.seq;
  if (!seq) return base;
  // toJS on the whole document, so YAML anchors and aliases (&base / *base) resolve.
  const data: unknown = doc.toJS();
  const defs = Array.isArray(data) ? data : (data as { metrics: unknown[] }).metrics;
  try {
    return buildCatalog(defs, base);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const problems = error.problems.map((p) => ({
      ...at(problemOffset(seq, p)),
      message: describeProblem(p),
    }));
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new MetricsFileError(absolute, problems);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new MetricsFileError(
      path,
      [],
      `The metrics file ${path} named by KPIBOT_METRICS ${why}: fix the path, or unset KPIBOT_METRICS to use the built-in metrics only`,
    );
  }
}

type MetricList = { seq: { items: unknown[] } | null } | { problem: string; offset: number };

function metricList(doc: Document): MetricList {
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { seq: null };
  if (isSeq(root)) return { seq: root };
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key !== 'metrics') {
        return {
          problem: `unknown top-level key "${String(key)}": only "metrics" is expected`,
          offset: start(pair.key),
        };
      }
    }
    const metrics = root.get('metrics', true);
    if (metrics === undefined || metrics === null || (isScalar(metrics) && metrics.value === null))
      return { seq: null };
    if (isSeq(metrics)) return { seq: metrics };
    return { problem: '"metrics" must be a list of metric definitions', offset: start(metrics) };
  }
  return {
    problem: 'expected a list of metric definitions, or a "metrics:" key holding one',
    offset: start(root),
  };
}

/**
 * Where a problem is in the file: the deepest node of its path that exists (the value when there is one, else its
 * key), and for a formula problem the character inside a one-line scalar.
 */
function problemOffset(seq: { items: unknown[] }, problem: CatalogProblem): number {
  let node: unknown = seq.items[problem.index];
  let offset = start(node);
  for (const segment of problem.path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      offset = start(pair.key);
      node = pair.value;
      if (node === null || (problem.onKey && segment === problem.path.at(-1))) break;
      offset = start(node);
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = start(node);
    } else {
      break;
    }
  }
  if (problem.position !== undefined && isScalar(node) && offset >= 0) {
    if (node.type === Scalar.PLAIN) return offset + problem.position;
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
      return offset + 1 + problem.position;
  }
  return offset;
}

function start(node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
