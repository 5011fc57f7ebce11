import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/core/metrics/build-catalog.ts';
import { builtinCatalog } from '../../../src/core/metrics/builtin-catalog.ts';
import { CatalogError, type CatalogProblem } from '../../../src/core/metrics/catalog-error.ts';
import { evaluateMetric } from '../../../src/core/metrics/evaluate-metric.ts';
import { termKey } from '../../../src/core/metrics/formula.ts';

const builtin = builtinCatalog();

function problemsOf(defs: unknown[]): CatalogProblem[] {
  try {
    buildCatalog(defs, builtin);
  } catch (error) {
    if (error instanceof CatalogError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('buildCatalog: YAML sugar compiles to formulas', () => {
  it.each<
    [
      string,
      Record<string, unknown>,
      { value: string; numerator?: string; denominator?: string; kind: string },
    ]
  >([
    [
      'count with a filter',
      { name: 'web_form_leads', kind: 'count', measure: 'leads_created', filter: { channel: 'web_form' } },
      { kind: 'count', value: 'leads_created{channel=web_form}' },
    ],
    [
      'sum with a long dimension key',
      { name: 'emea_revenue', kind: 'sum', measure: 'revenue_won', filter: { teamId: 'emea' } },
      { kind: 'sum', value: 'revenue_won{team=emea}' },
    ],
    [
      'ratio of catalog metrics, which expand to their formulas',
      { name: 'qualified_share', kind: 'ratio', numerator: 'qualified_leads', denominator: 'leads' },
      {
        kind: 'ratio',
        value: 'leads_qualified / leads_created',
        numerator: 'leads_qualified',
        denominator: 'leads_created',
      },
    ],
    [
      'average from sum and count',
      { name: 'avg_won', kind: 'average', sum: 'revenue_won', count: 'deals_won' },
      {
        kind: 'average',
        value: 'revenue_won / deals_won',
        numerator: 'revenue_won',
        denominator: 'deals_won',
      },
    ],
    [
      'conversion from → to',
      { name: 'demo_rate', kind: 'conversion', from: 'first_meetings', to: 'stage_entered{stage=demo}' },
      {
        kind: 'conversion',
        value: 'stage_entered{stage=demo} / first_meetings',
        numerator: 'stage_entered{stage=demo}',
        denominator: 'first_meetings',
      },
    ],
    [
      'derived formula over metrics and measures',
      { name: 'won_per_meeting', kind: 'derived', formula: 'deals_won / meetings * 100' },
      { kind: 'derived', value: 'deals_won / meetings * 100' },
    ],
    [
      'derived formula naming a ratio metric',
      { name: 'loss_rate', formula: '1 - win_rate' },
      { kind: 'derived', value: '1 - deals_won / (deals_won + deals_lost)' },
    ],
    [
      'kind inferred from measure',
      { name: 'spend_web', measure: 'marketing_cost', filter: { channel: 'web' } },
      { kind: 'count', value: 'marketing_cost{channel=web}' },
    ],
    [
      'kind inferred from numerator/denominator',
      { name: 'r', numerator: 'calls', denominator: 'meetings' },
      { kind: 'ratio', value: 'calls / meetings', numerator: 'calls', denominator: 'meetings' },
    ],
    [
      'value given alongside numerator/denominator when they agree',
      { name: 'r2', numerator: 'calls', denominator: 'meetings', value: '(calls) / meetings' },
      { kind: 'ratio', value: 'calls / meetings', numerator: 'calls', denominator: 'meetings' },
    ],
    [
      'YAML number as a formula',
      { name: 'calls_pct', numerator: 'calls * 100', denominator: 100 },
      { kind: 'ratio', value: 'calls * 100 / 100', numerator: 'calls * 100', denominator: '100' },
    ],
  ])('%s', (_, def, expected) => {
    const metric = buildCatalog([def], builtin).get(String(def.name));
    expect(metric).toMatchObject(expected);
    if (!expected.numerator) expect(metric?.numerator).toBeUndefined();
  });

  it('applies sensible defaults', () => {
    const metric = buildCatalog([{ name: 'web_form_leads', measure: 'leads_created' }]).get('web_form_leads');
    expect(metric).toMatchObject({
      label: { en: 'Web form leads', fr: 'Web form leads' },
      aliases: { en: [], fr: [] },
      format: 'number',
      direction: 'up_is_good',
      definition: { en: 'Formula: leads_created', fr: 'Formule : leads_created' },
      objective: false,
      breakdowns: ['rep', 'team', 'channel', 'campaign'],
    });
    const conversion = buildCatalog([{ name: 'c', from: 'leads_created', to: 'leads_qualified' }]).get('c');
    expect(conversion?.format).toBe('percent');
  });

  it('uses one string label or alias list for both languages', () => {
    const metric = buildCatalog([
      {
        name: 'demos',
        measure: 'meetings',
        label: 'Demos',
        aliases: ['démos', 'demo calls'],
        definition: 'Demos held',
      },
    ]).get('demos');
    expect(metric?.label).toEqual({ en: 'Demos', fr: 'Demos' });
    expect(metric?.aliases).toEqual({ en: ['démos', 'demo calls'], fr: ['démos', 'demo calls'] });
    expect(metric?.definition).toEqual({ en: 'Demos held', fr: 'Demos held' });
  });

  it('breaks down by what every measure carries: web measures by channel only', () => {
    const catalog = buildCatalog([
      { name: 'site_to_crm', numerator: 'leads_created{channel=web}', denominator: 'web_leads' },
      { name: 'demo_entries', measure: 'stage_entered', filter: { stage: 'demo' } },
    ]);
    expect(catalog.get('site_to_crm')?.breakdowns).toEqual(['channel']);
    expect(catalog.get('demo_entries')?.breakdowns).toEqual(['rep', 'team', 'stage']);
  });

  it('collects terms once across value, numerator and denominator, ready to fetch', () => {
    const metric = buildCatalog([
      { name: 'r', numerator: 'deals_won', denominator: 'deals_won + deals_lost' },
    ]).get('r');
    expect(metric?.terms.map(termKey)).toEqual(['deals_won', 'deals_lost']);
  });

  it('resolves references between user metrics in any order', () => {
    const catalog = buildCatalog([
      { name: 'b', formula: 'a * 2' },
      { name: 'a', measure: 'calls' },
    ]);
    expect(catalog.get('b')?.value).toBe('calls * 2');
    expect(catalog.metrics.map((m) => m.name)).toEqual(['b', 'a']);
  });

  it('compiles an attainment against the objective of its metric', () => {
    const catalog = buildCatalog(
      [{ name: 'meetings_attainment', kind: 'attainment', of: 'meetings', label: 'Meetings vs target' }],
      builtin,
    );
    const metric = catalog.get('meetings_attainment');
    expect(metric).toMatchObject({
      kind: 'attainment',
      of: 'meetings',
      value: 'meetings',
      format: 'percent',
    });
    expect(metric?.breakdowns).toEqual(builtin.get('meetings')?.breakdowns);
    if (!metric) return;
    expect(evaluateMetric(metric, new Map([['meetings', 30]]), { target: 40 }).value).toBe(0.75);
  });
});

describe('buildCatalog: overriding built-ins', () => {
  it('replaces a built-in metric by name, in place, and keeps the others', () => {
    const catalog = buildCatalog(
      [
        {
          name: 'conversion_rate',
          kind: 'conversion',
          from: 'leads_created',
          to: 'leads_converted',
          label: { en: 'Lead → customer', fr: 'Lead → client' },
        },
        { name: 'web_form_leads', measure: 'leads_created', filter: { channel: 'web_form' } },
      ],
      builtin,
    );
    expect(catalog.metrics.length).toBe(builtin.metrics.length + 1);
    expect(catalog.metrics.findIndex((m) => m.name === 'conversion_rate')).toBe(
      builtin.metrics.findIndex((m) => m.name === 'conversion_rate'),
    );
    expect(catalog.get('conversion_rate')?.value).toBe('leads_converted / leads_created');
    expect(catalog.get('conversion_rate')?.aliases).toEqual({ en: [], fr: [] });
    expect(catalog.get('win_rate')).toBe(builtin.get('win_rate'));
    expect(catalog.metrics.at(-1)?.name).toBe('web_form_leads');
    // The built-in catalog itself is untouched.
    expect(builtin.get('conversion_rate')?.value).toBe('leads_converted / leads_qualified');
  });
});

describe('buildCatalog: every problem, with the metric and the field', () => {
  it.each<[string, unknown[], Array<Omit<Partial<CatalogProblem>, 'message'> & { message: RegExp }>]>([
    ['not an object', ['oops'], [{ index: 0, metric: '#1', path: [], message: /expected object/i }]],
    ['missing name', [{ measure: 'calls' }], [{ metric: '#1', path: ['name'], message: /./ }]],
    ['bad name', [{ name: 'Win Rate', measure: 'calls' }], [{ path: ['name'], message: /snake_case/ }]],
    [
      'unknown field with a suggestion',
      [{ name: 'x', measure: 'calls', formt: 'percent' }],
      [
        {
          metric: 'x',
          path: ['formt'],
          message: /unknown field "formt"; did you mean format\?/,
          onKey: true,
        },
      ],
    ],
    [
      'bad format',
      [{ name: 'x', measure: 'calls', format: 'percentage' }],
      [{ path: ['format'], message: /percent/ }],
    ],
    [
      'bad breakdown',
      [{ name: 'x', measure: 'calls', breakdowns: ['region'] }],
      [{ path: ['breakdowns', 0], message: /./ }],
    ],
    [
      'breakdown a measure lacks',
      [{ name: 'x', measure: 'web_sessions', breakdowns: ['channel', 'rep'] }],
      [{ path: ['breakdowns', 1], message: /cannot break down by rep: web_sessions has no rep/ }],
    ],
    [
      'unknown measure with a suggestion',
      [{ name: 'x', kind: 'count', measure: 'lead_created' }],
      [{ path: ['measure'], message: /Unknown measure "lead_created"\. Did you mean leads_created/ }],
    ],
    [
      'filter on a dimension the measure lacks',
      [{ name: 'x', measure: 'calls', filter: { channel: 'web' } }],
      [{ path: ['filter', 'channel'], message: /calls has no channel dimension/, onKey: true }],
    ],
    [
      'unknown filter dimension',
      [{ name: 'x', measure: 'calls', filter: { region: 'eu' } }],
      [{ path: ['filter', 'region'], message: /Unknown dimension "region"/ }],
    ],
    [
      'formula error with its position in the field',
      [{ name: 'x', numerator: 'calls', denominator: 'meetings +' }],
      [{ path: ['denominator'], position: 10, message: /ends too early/ }],
    ],
    [
      'ratio without denominator',
      [{ name: 'x', kind: 'ratio', numerator: 'calls' }],
      [{ path: ['denominator'], message: /needs both numerator and denominator; denominator is missing/ }],
    ],
    [
      'average without count',
      [{ name: 'x', kind: 'average', sum: 'won_cycle_days' }],
      [{ path: ['count'], message: /needs both sum and count/ }],
    ],
    [
      'sugar of another kind',
      [{ name: 'x', kind: 'ratio', numerator: 'calls', denominator: 'meetings', from: 'leads_created' }],
      [{ path: ['from'], message: /"from" applies to kind conversion, not ratio/ }],
    ],
    [
      'two synonyms',
      [{ name: 'x', kind: 'average', sum: 'revenue_won', numerator: 'revenue_won', count: 'deals_won' }],
      [{ path: ['numerator'], message: /either sum or numerator/ }],
    ],
    [
      'value that disagrees with numerator / denominator',
      [{ name: 'x', numerator: 'calls', denominator: 'meetings', value: 'meetings / calls' }],
      [{ path: ['value'], message: /value must equal numerator \/ denominator, i\.e\. calls \/ meetings/ }],
    ],
    ['nothing to compute', [{ name: 'x', label: 'X' }], [{ path: ['kind'], message: /cannot be inferred/ }]],
    [
      'derived without formula',
      [{ name: 'x', kind: 'derived' }],
      [{ path: ['value'], message: /needs a formula/ }],
    ],
    [
      'attainment of a metric without objectives',
      [{ name: 'x', kind: 'attainment', of: 'win_ratee' }],
      [{ path: ['of'], message: /Unknown metric "win_ratee"\. Did you mean win_rate/ }],
    ],
    [
      'attainment of a metric that takes no objective',
      [{ name: 'x', kind: 'attainment', of: 'web_bounce_rate' }],
      [{ path: ['of'], message: /takes no objective/ }],
    ],
    [
      'duplicate names',
      [
        { name: 'x', measure: 'calls' },
        { name: 'x', measure: 'meetings' },
      ],
      [{ index: 1, path: ['name'], message: /already named x/ }],
    ],
    [
      'a cycle between metrics',
      [
        { name: 'a', formula: 'b + 1' },
        { name: 'b', formula: 'a + 1' },
      ],
      [
        { index: 0, path: ['formula'], message: /Metric b cannot be used here/ },
        { index: 1, path: ['formula'], message: /Metric a cannot be used here/ },
      ],
    ],
  ])('%s', (_, defs, expected) => {
    const problems = problemsOf(defs);
    expect(problems).toHaveLength(expected.length);
    expected.forEach(({ message, ...rest }, i) => {
      expect(problems[i]).toMatchObject(rest);
      expect(problems[i]?.message).toMatch(message);
    });
  });

  it('reports the problems of every definition at once, and its message names metric and field', () => {
    let error: unknown;
    try {
      buildCatalog([
        { name: 'ok', measure: 'calls' },
        { name: 'first', measure: 'callz' },
        { name: 'second', numerator: 'calls', denominator: 'meetingz', formt: 'percent' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogError);
    const problems = (error as CatalogError).problems;
    expect(problems.map((p) => [p.metric, p.path.join('.')])).toEqual([
      ['first', 'measure'],
      ['second', 'formt'],
      ['second', 'denominator'],
    ]);
    expect((error as CatalogError).message).toContain('metric first, field measure: Unknown measure "callz"');
  });
});
