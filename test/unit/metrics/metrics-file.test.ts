import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../../src/core/metrics/builtin-catalog.ts';
import { loadMetricsFile, MetricsFileError } from '../../../src/store/metrics-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'kpibot-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function write(text: string): string {
  fileCount += 1;
  const path = join(dir, `metrics-${fileCount}.yaml`);
  writeFileSync(path, text);
  return path;
}

function failure(path: string): MetricsFileError {
  try {
    loadMetricsFile(path);
  } catch (error) {
    if (error instanceof MetricsFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('loadMetricsFile: valid files', () => {
  it('adds user metrics to the built-in catalog and overrides built-ins by name', () => {
    const path = write(`metrics:
  - name: web_form_leads
    label: Web form leads
    aliases: { en: [form leads], fr: [leads formulaire] }
    kind: count
    measure: leads_created
    filter: { channel: web_form }
  - name: revenue_signed
    label: { en: Bookings, fr: Prises de commande }
    kind: sum
    measure: revenue_won
    format: currency
    objective: true
`);
    const catalog = loadMetricsFile(path);
    expect(catalog.metrics.length).toBe(builtinCatalog().metrics.length + 1);
    expect(catalog.get('web_form_leads')?.value).toBe('leads_created{channel=web_form}');
    expect(catalog.get('web_form_leads')?.aliases.fr).toEqual(['leads formulaire']);
    expect(catalog.get('revenue_signed')?.label).toEqual({ en: 'Bookings', fr: 'Prises de commande' });
    expect(catalog.get('win_rate')).toBe(builtinCatalog().get('win_rate'));
  });

  it('accepts a bare list, YAML anchors, and an empty file', () => {
    const list = write(`- &web
  name: web_leads_ratio
  numerator: web_leads
  denominator: web_sessions
  format: percent
- <<: *web
  name: web_leads_ratio_organic
  numerator: web_leads{channel=organic}
  denominator: web_sessions{channel=organic}
`);
    const catalog = loadMetricsFile(list);
    expect(catalog.get('web_leads_ratio_organic')).toMatchObject({
      format: 'percent',
      value: 'web_leads{channel=organic} / web_sessions{channel=organic}',
    });
    expect(loadMetricsFile(write('')).metrics).toBe(builtinCatalog().metrics);
    expect(loadMetricsFile(write('metrics:\n')).metrics).toBe(builtinCatalog().metrics);
  });
});

describe('loadMetricsFile: line-precise errors', () => {
  const file = `metrics:
  - name: web_form_leads
    kind: count
    measure: leads_created
    filter: { channel: web_form, stage: won }
  - name: bad_ratio
    kind: ratio
    numerator: leads_qualifed
    denominator: "leads_created + "
    formt: percent
  - name: no_kind
    label: Nothing to compute
`;

  it('names the metric, the field and the line (and column) of every problem, in file order', () => {
    const path = write(file);
    const error = failure(path);
    expect(error.problems.map((p) => [p.line, p.col])).toEqual([
      [5, 34], // the "stage" key inside the filter
      [8, 16], // the misspelt measure, first character of the value
      [9, 35], // the end of the quoted formula, where something is missing
      [10, 5], // the unknown key
      [11, 5], // the definition that says nothing about what it computes
    ]);
    expect(error.problems[0]?.message).toMatch(
      /metric web_form_leads, field filter\.stage: leads_created has no stage/,
    );
    expect(error.problems[1]?.message).toMatch(
      /metric bad_ratio, field numerator: Unknown measure or metric "leads_qualifed"\. Did you mean leads_qualified/,
    );
    expect(error.problems[2]?.message).toMatch(/field denominator: The formula ends too early/);
    expect(error.problems[3]?.message).toMatch(/field formt: unknown field "formt"; did you mean format\?/);
    expect(error.problems[4]?.message).toMatch(/metric no_kind, field kind: kind is missing/);
    expect(error.message).toContain(`${path}:8:16: metric bad_ratio, field numerator`);
    expect(error.message).toContain('KPIBOT_METRICS');
  });

  it.each<[string, string, number, number, RegExp]>([
    ['unclosed flow sequence', 'metrics:\n  - name: x\n    aliases: [a, b\n', 4, 1, /YAML syntax/],
    [
      'bad indentation',
      'metrics:\n  - name: x\n     measure: calls\n',
      2,
      11,
      /YAML syntax: Nested mappings/,
    ],
    ['duplicate key', 'metrics:\n  - name: x\n    name: y\n', 3, 5, /YAML syntax: .*[Uu]nique/],
  ])('%s', (_, text, line, col, message) => {
    const error = failure(write(text));
    expect(error.problems[0]).toMatchObject({ line, col });
    expect(error.problems[0]?.message).toMatch(message);
  });

  it.each<[string, string, number, RegExp]>([
    ['a scalar', 'hello\n', 1, /expected a list of metric definitions/],
    ['another top-level key', 'metrics: []\nmetric:\n  - name: x\n', 2, /unknown top-level key "metric"/],
    ['metrics not a list', 'metrics:\n  name: x\n', 2, /"metrics" must be a list/],
  ])('refuses %s', (_, text, line, message) => {
    const error = failure(write(text));
    expect(error.problems[0]?.line).toBe(line);
    expect(error.problems[0]?.message).toMatch(message);
  });

  it('says which file is missing and which variable names it', () => {
    const path = join(dir, 'nope.yaml');
    const error = failure(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain('KPIBOT_METRICS');
    expect(error.message).toMatch(/does not exist/);
  });
});
