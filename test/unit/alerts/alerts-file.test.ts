import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../../src/core/metrics/index.ts';
import { AlertsFileError, parseAlertsFile, readAlertsFile } from '../../../src/store/alerts-file.ts';

const catalog = builtinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'kpibot-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (text: string) => parseAlertsFile(text, 'alerts.yaml', catalog);

/** The problems of a file as `line:col: message`. */
function problemsOf(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof AlertsFileError)) throw error;
    return error.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
  }
  throw new Error('expected the file to be refused');
}

describe('alerts file', () => {
  it('reads the example shipped in docs/', () => {
    const specs = readAlertsFile(
      new URL('../../../docs/alerts.example.yaml', import.meta.url).pathname,
      catalog,
    );
    expect(specs.map((s) => s.name)).toEqual([
      'EMEA meeting → proposal drop',
      'win rate below 20% over 30 days by rep for 2 checks',
      'Rythme du CA signé',
      'leads channel web_form anomaly',
      'Revenue signed vs last year',
      'Leads spike',
      'Pipeline floor',
    ]);
    expect(specs[2]).toMatchObject({ lang: 'fr', condition: { kind: 'pace', below: 0.8 } });
  });

  it('reads rules as text and as fields, with defaults and routes', () => {
    const specs = parse(`
routing: ["#sales"]
alerts:
  - rule: leads drops 20% vs previous week team:emea
  - rule: 'leads above 200 weekly to #marketing' # quoted: in YAML, ' #' starts a comment
  - rule: win rate below 20% by rep
    name: Win rate floor
    routing: [owner, "slack:C0123ABC", "teams:19:abc@thread.tacv2"]
  - name: Pace
    metric: revenue_signed
    condition: { kind: pace, below: 0.8 }
`);
    expect(specs).toHaveLength(4);
    expect(specs[0]).toMatchObject({
      name: 'leads drops 20% vs previous week team:emea',
      scope: { team: 'emea' },
      routing: [{ to: 'channel', platform: 'slack', id: 'sales' }],
    });
    expect(specs[1]?.routing).toEqual([{ to: 'channel', platform: 'slack', id: 'marketing' }]);
    expect(specs[2]).toMatchObject({
      name: 'Win rate floor',
      fanOut: 'rep',
      routing: [
        { to: 'owner' },
        { to: 'channel', platform: 'slack', id: 'C0123ABC' },
        { to: 'channel', platform: 'teams', id: '19:abc@thread.tacv2' },
      ],
    });
    expect(specs[3]).toEqual({
      name: 'Pace',
      metric: 'revenue_signed',
      scope: {},
      fanOut: null,
      condition: { kind: 'pace', below: 0.8, grain: 'month', minElapsed: 0.2, workingDays: true },
      lifecycle: { forEvaluations: 1, repeatEveryMinutes: 1440 },
      routing: [{ to: 'channel', platform: 'slack', id: 'sales' }],
    });
  });

  it('an empty file or a bare list', () => {
    expect(parse('')).toEqual([]);
    expect(parse('alerts:\n')).toEqual([]);
    expect(parse('- rule: leads anomaly\n').map((s) => s.metric)).toEqual(['leads']);
  });

  it('names every problem with its line and column, in file order', () => {
    expect(
      problemsOf(`alerts:
  - rule: leeds drops 20%
  - name: Pace
    metric: revenue_signd
    condition: { kind: pace, below: 0.8 }
  - name: Bad change
    metric: leads
    condition:
      kind: change
      direction: down
      pct: 20
  - rule: leads above 200
    fanOut: rep
  - name: Pace
    metric: leads
    condition: { kind: threshold, op: above, value: 5 }
  - name: No route
    metric: leads
    condition: { kind: anomaly }
    routing: [somewhere]
extra: 1
`),
    ).toEqual([
      `2:11: I don't know the metric “leeds”. Did you mean: Leads? For example: \`/kpi alerts add leads drops 20% vs previous week\``,
      '4:13: metric: unknown metric "revenue_signd". Did you mean revenue_signed?',
      '10:18: condition.direction: must be drop or rise',
      '11:12: condition.pct: must be at most 10 (1,000 %); write 0.2 for 20 %',
      '13:5: "fanOut" cannot go with "rule": write it in the rule\'s text, or write the rule field by field',
      '14:11: another rule is named "Pace" (line 3): names must be unique',
      '20:15: a route is owner, manager, "#channel", slack:<channel id>, teams:<conversation id>, or {to: channel, platform: slack|teams, id: …}',
      '21:1: unknown top-level key "extra": only "alerts" and "routing" are expected',
    ]);
  });

  it('a missing field and an unknown field are pointed at', () => {
    expect(
      problemsOf(`alerts:
  - name: Threshold
    metric: leads
    condition:
      kind: threshold
      op: above
    colour: red
  - metric: leads
    condition:
`),
    ).toEqual(
      [
        '4:5: condition.value: must be a number',
        '2:5: unknown field "colour": expected name, metric, scope, fanOut, condition, lifecycle, routing, lang',
        '8:5: name: must be a text',
        '9:5: condition: missing: a condition with a kind (threshold, change, pace or anomaly) and its fields',
      ].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0])),
    );
  });

  it('YAML syntax errors keep their position', () => {
    const problems = problemsOf('alerts:\n  - rule: "leads drops 20%\n  - rule: x\n');
    expect(problems[0]).toMatch(/^\d+:\d+: YAML syntax: /);
  });

  it('a missing file names the variable and what to do', () => {
    const path = join(dir, 'nope.yaml');
    expect(() => readAlertsFile(path, catalog)).toThrow(
      `The alerts file ${path} named by KPIBOT_ALERTS does not exist: fix the path, or unset KPIBOT_ALERTS`,
    );
  });

  it('the error message lists every problem as file:line:col', () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'alerts:\n  - rule: leads\n');
    expect(() => readAlertsFile(path, catalog)).toThrow(
      new RegExp(
        `^Invalid alerts file ${path} \\(KPIBOT_ALERTS\\):\\n  ${path}:2:11: When should it alert\\?`,
      ),
    );
  });
});
