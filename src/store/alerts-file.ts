import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import {
  type AlertRoute,
  type AlertRuleSpec,
  alertRuleSpecSchema,
  type Lang,
  parseAlertRule,
} from '../core/alerts/index.ts';
import { closestNames } from '../core/metrics/closest-names.ts';
import type { Catalog } from '../core/metrics/index.ts';
import type { MetricsFileProblem } from './metrics-file.ts';

/** 1-based line and column, like an editor shows them, as for the metrics file. */
export type AlertsFileProblem = MetricsFileProblem;

/** An alerts file that cannot be used; the message lists every problem as `file:line:col: …`. */
export class AlertsFileError extends Error {
  override readonly name = 'AlertsFileError';
  constructor(
    readonly path: string,
    readonly problems: readonly AlertsFileProblem[],
    summary = `Invalid alerts file ${path} (KPIBOT_ALERTS)`,
  ) {
    const header = problems.length > 0 ? `${summary}:` : summary;
    super([header, ...problems.map((p) => `  ${path}:${p.line}:${p.col}: ${p.message}`)].join('\n'));
  }
}

const RULE_ENTRY_KEYS = new Set(['rule', 'name', 'routing', 'lang']);
const TOP_LEVEL_KEYS = new Set(['alerts', 'routing']);

/**
 * Reads KPIBOT_ALERTS=alerts.yaml: an `alerts:` list (or a bare list) of rules, each written either as chat text
 * (`rule: "leads drops 20% vs previous week team:emea"`, parsed like `/kpi alerts add`) or field by field (name,
 * metric, scope, fanOut, condition, lifecycle, routing, lang). A top-level `routing:` is the default of entries
 * that name none. Every problem is reported at once with its line, so a typo stops start-up with a pointer.
 */
export function readAlertsFile(path: string, catalog: Catalog): AlertRuleSpec[] {
  const absolute = resolve(path);
  return parseAlertsFile(readText(absolute), absolute, catalog);
}

/** The same, from the file's text (`path` is only used in messages). */
export function parseAlertsFile(text: string, path: string, catalog: Catalog): AlertRuleSpec[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      ...at(e.pos[0]),
      message: `YAML syntax: ${firstLine(e.message)}`,
    }));
    throw new AlertsFileError(path, problems);
  }
  const problems: AlertsFileProblem[] = [];
  const report = (node: unknown, message: string) => problems.push({ ...at(start(node)), message });
  const root = doc.contents;
  let entries: Node | null = null;
  let defaultRouting: AlertRoute[] = [];
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (isSeq(root)) entries = root;
  else if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!TOP_LEVEL_KEYS.has(key))
        report(pair.key, `unknown top-level key "${key}": only "alerts" and "routing" are expected`);
    }
    const list = root.get('alerts', true) as Node | undefined;
    if (list !== undefined && !(isScalar(list) && list.value === null)) {
      if (isSeq(list)) entries = list;
      else report(list, '"alerts" must be a list of rules');
    }
    const routingNode = root.get('routing', true) as Node | undefined;
    if (routingNode !== undefined) defaultRouting = readRouting(routingNode, report) ?? [];
  } else {
    report(root, 'expected an "alerts:" list of rules');
  }

  const specs: AlertRuleSpec[] = [];
  const names = new Map<string, number>();
  if (entries && isSeq(entries)) {
    entries.items.forEach((item) => {
      const spec = readEntry(item as Node, catalog, defaultRouting, report);
      // Names are checked on invalid rules too, so fixing one problem does not reveal another.
      const name = spec?.name ?? writtenName(item);
      if (name) {
        const first = names.get(name.toLowerCase());
        if (first !== undefined) {
          report(
            nameNode(item) ?? item,
            `another rule is named "${name}" (line ${first}): names must be unique`,
          );
          return;
        }
        names.set(name.toLowerCase(), at(start(item)).line);
      }
      if (spec) specs.push(spec);
    });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new AlertsFileError(path, problems);
  }
  return specs;
}

type Report = (node: unknown, message: string) => void;

function readEntry(
  item: Node,
  catalog: Catalog,
  defaults: AlertRoute[],
  report: Report,
): AlertRuleSpec | null {
  if (!isMap(item)) {
    report(item, 'a rule must be a mapping: `rule: "<text>"` or fields (name, metric, condition…)');
    return null;
  }
  const data = item.toJSON() as Record<string, unknown>;
  const routingNode = item.get('routing', true) as Node | undefined;
  const routing = routingNode === undefined ? undefined : readRouting(routingNode, report);
  if (routing === null) return null;
  if ('rule' in data) return readTextEntry(item, data, catalog, { routing, defaults }, report);

  const candidate = { ...data, routing: routing ?? defaults };
  const parsed = alertRuleSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
      report(nodeAt(item, issue.path), `${where}${issue.message}`);
    }
    return null;
  }
  if (!catalog.get(parsed.data.metric)) {
    report(item.get('metric', true) ?? item, unknownMetric(parsed.data.metric, catalog));
    return null;
  }
  return parsed.data;
}

function readTextEntry(
  item: YAMLMap,
  data: Record<string, unknown>,
  catalog: Catalog,
  routes: { routing: AlertRoute[] | undefined; defaults: AlertRoute[] },
  report: Report,
): AlertRuleSpec | null {
  let ok = true;
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!RULE_ENTRY_KEYS.has(key)) {
      report(
        pair.key,
        `"${key}" cannot go with "rule": write it in the rule's text, or write the rule field by field`,
      );
      ok = false;
    }
  }
  const ruleNode = item.get('rule', true);
  if (typeof data.rule !== 'string' || data.rule.trim() === '') {
    report(ruleNode, 'rule must be the text of a rule, e.g. "leads drops 20% vs previous week"');
    return null;
  }
  const lang = data.lang === 'en' || data.lang === 'fr' ? (data.lang as Lang) : undefined;
  if (data.lang !== undefined && !lang) {
    report(item.get('lang', true), 'lang must be en or fr');
    ok = false;
  }
  const parsed = parseAlertRule(data.rule, { catalog, lang });
  if (!parsed.ok) {
    report(ruleNode, parsed.message);
    return null;
  }
  if (!ok) return null;
  // The entry's routes add to those in the text; the file's default applies only when neither names one.
  const routing = [...parsed.spec.routing];
  for (const r of routes.routing ?? []) {
    if (!routing.some((x) => JSON.stringify(x) === JSON.stringify(r))) routing.push(r);
  }
  const candidate = {
    ...parsed.spec,
    ...(typeof data.name === 'string' ? { name: data.name } : {}),
    routing: routing.length > 0 ? routing : routes.defaults,
    lang: lang ?? parsed.spec.lang,
  };
  const checked = alertRuleSpecSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path[0] === 'name' ? 'name' : 'rule';
      report(item.get(key, true) ?? item, `${issue.path.map(String).join('.')}: ${issue.message}`);
    }
    return null;
  }
  return checked.data;
}

/**
 * Routes as written in a file: `owner`, `manager`, `"#sales"` (a Slack channel by name), `slack:C0123ABC`,
 * `teams:19:…@thread.tacv2`, or `{ to: channel, platform: slack, id: C0123ABC }`. null when one is wrong.
 */
function readRouting(node: Node, report: Report): AlertRoute[] | null {
  const items = isSeq(node) ? (node.items as Node[]) : [node];
  const routes: AlertRoute[] = [];
  let ok = true;
  for (const item of items) {
    const route = readRoute(item);
    if (route) routes.push(route);
    else {
      report(
        item,
        'a route is owner, manager, "#channel", slack:<channel id>, teams:<conversation id>, or {to: channel, platform: slack|teams, id: …}',
      );
      ok = false;
    }
  }
  return ok ? routes : null;
}

function readRoute(node: Node): AlertRoute | null {
  const value: unknown = isScalar(node) ? node.value : node.toJSON();
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'owner' || text === 'manager') return { to: text };
    const platform = /^(slack|teams):(.+)$/.exec(text);
    const id = (platform ? (platform[2] ?? '') : text).trim().replace(/^#/, '');
    if (!platform && !text.startsWith('#')) return null;
    return id
      ? { to: 'channel', platform: (platform?.[1] as 'slack' | 'teams' | undefined) ?? 'slack', id }
      : null;
  }
  const parsed = alertRuleSpecSchema.shape.routing.safeParse([value]);
  return parsed.success ? (parsed.data[0] ?? null) : null;
}

/** The node a zod issue path points at: the value when it exists, else its key, else the nearest parent. */
function nodeAt(item: YAMLMap, path: readonly PropertyKey[]): unknown {
  let node: unknown = item;
  let key: unknown = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      // A missing field: point at the key of the mapping that lacks it (the rule's start at the top).
      if (!pair) return key ?? node;
      const value = pair.value;
      if (value === null || value === undefined || (isScalar(value) && value.value === null)) return pair.key;
      key = pair.key;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
    } else {
      return node;
    }
  }
  return node;
}

function writtenName(item: unknown): string | null {
  const name = isMap(item) ? item.get('name') : null;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

function nameNode(item: unknown): unknown {
  return isMap(item) ? (item.get('name', true) ?? item.get('rule', true)) : undefined;
}

function unknownMetric(name: string, catalog: Catalog): string {
  const close = closestNames(
    name,
    catalog.metrics.map((m) => m.name),
  );
  const hint =
    close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ' `kpibot ask list` prints the catalog.';
  return `metric: unknown metric "${name}".${hint}`;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new AlertsFileError(
      path,
      [],
      `The alerts file ${path} named by KPIBOT_ALERTS ${why}: fix the path, or unset KPIBOT_ALERTS`,
    );
  }
}

function start(node: unknown): number {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
