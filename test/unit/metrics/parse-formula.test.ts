import { describe, expect, it } from 'vitest';
import { evaluateFormula } from '../../../src/core/metrics/evaluate-formula.ts';
import { type Formula, FormulaError, formatFormula } from '../../../src/core/metrics/formula.ts';
import { type MetricResolver, parseFormula } from '../../../src/core/metrics/parse-formula.ts';

const none = new Map<string, number>();

describe('parseFormula: arithmetic and precedence', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['8 / 4 / 2', 1],
    ['8 - 4 - 2', 2],
    ['8 - (4 - 2)', 6],
    ['2 * 3 + 4 * 5', 26],
    ['-2 * 3', -6],
    ['2 * -3', -6],
    ['-(1 + 2)', -3],
    ['- - 4', 4],
    ['.5 * 4', 2],
    ['1.25 * 4', 5],
    ['  42  ', 42],
    ['((7))', 7],
  ])('%s = %d', (source, expected) => {
    expect(evaluateFormula(parseFormula(source), none)).toBe(expected);
  });

  it.each([
    ['leads_qualified / leads_created', 'leads_qualified / leads_created'],
    ['(a_b)', null],
    ['(deals_won) / ((deals_won + deals_lost))', 'deals_won / (deals_won + deals_lost)'],
    ['(calls - meetings) - emails', 'calls - meetings - emails'],
    ['calls - (meetings - emails)', 'calls - (meetings - emails)'],
    ['calls / (meetings * emails)', 'calls / (meetings * emails)'],
    ['calls*meetings/emails', 'calls * meetings / emails'],
    ['-(calls + meetings)', '-(calls + meetings)'],
    [
      '(nps_promoters - nps_detractors) * 100 / nps_responses',
      '(nps_promoters - nps_detractors) * 100 / nps_responses',
    ],
  ])('%s is written back as %s', (source, expected) => {
    if (expected === null) {
      expect(() => parseFormula(source)).toThrow(FormulaError);
      return;
    }
    const formula = parseFormula(source);
    expect(formatFormula(formula)).toBe(expected);
    // Written back, it parses to the same tree.
    expect(parseFormula(formatFormula(formula))).toEqual(formula);
  });
});

describe('parseFormula: measures, filters and windows', () => {
  it.each<[string, Formula]>([
    ['leads_created', { type: 'term', term: { measure: 'leads_created', filter: {}, window: 'period' } }],
    [
      'leads_created{channel=web_form}',
      { type: 'term', term: { measure: 'leads_created', filter: { channel: 'web_form' }, window: 'period' } },
    ],
    [
      'leads_created { channel = web_form , campaign = "Spring sale 2026" }',
      {
        type: 'term',
        term: {
          measure: 'leads_created',
          filter: { channel: 'web_form', campaignId: 'Spring sale 2026' },
          window: 'period',
        },
      },
    ],
    [
      'stage_entered{stage=proposal}',
      { type: 'term', term: { measure: 'stage_entered', filter: { stage: 'proposal' }, window: 'period' } },
    ],
    [
      'deals_won{repId=r_1, team=emea}',
      {
        type: 'term',
        term: { measure: 'deals_won', filter: { repId: 'r_1', teamId: 'emea' }, window: 'period' },
      },
    ],
    [
      'leads_created{channel=""}',
      { type: 'term', term: { measure: 'leads_created', filter: { channel: '' }, window: 'period' } },
    ],
    [
      'leads_created{channel="say \\"hi\\""}',
      { type: 'term', term: { measure: 'leads_created', filter: { channel: 'say "hi"' }, window: 'period' } },
    ],
    [
      'before_end(revenue_won{channel=web})',
      { type: 'term', term: { measure: 'revenue_won', filter: { channel: 'web' }, window: 'before_end' } },
    ],
    [
      'before_start( new_customers )',
      { type: 'term', term: { measure: 'new_customers', filter: {}, window: 'before_start' } },
    ],
  ])('%s', (source, expected) => {
    expect(parseFormula(source)).toEqual(expected);
  });

  it('writes filters back in a stable order, quoting values that need it', () => {
    const formula = parseFormula('before_end(leads_created{campaign="Spring sale", channel=web_form})');
    expect(formatFormula(formula)).toBe('before_end(leads_created{campaign="Spring sale",channel=web_form})');
    expect(parseFormula(formatFormula(formula))).toEqual(formula);
  });
});

describe('parseFormula: errors say what and where', () => {
  it.each<[string, number, RegExp]>([
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['leads_creatd', 0, /Unknown measure "leads_creatd"\. Did you mean leads_created/],
    ['Leads_Created', 0, /Did you mean leads_created/],
    ['1 + leads_qualifed', 4, /Unknown measure "leads_qualifed".*leads_qualified/],
    ['frobnicate', 0, /^Unknown measure "frobnicate"\.$/],
    ['1 +', 3, /ends too early/],
    ['(1 + 2', 0, /'\(' is never closed/],
    ['1 + 2)', 5, /Unmatched '\)'/],
    ['1 2', 2, /operator .* is missing/],
    ['1 # 2', 2, /Unexpected '#'/],
    ['* 2', 0, /Unexpected '\*'/],
    ['foo(leads_created)', 0, /Unknown function foo\(\)/],
    ['before_end(1)', 11, /before_end\(\) takes one measure name/],
    ['before_end(leads_created', 0, /before_end\( is never closed/],
    ['before_end(leads_created, deals_won)', 24, /Expected '\)' but found ','/],
    ['leads_created{region=eu}', 14, /Unknown dimension "region"/],
    ['web_sessions{rep=r1}', 13, /web_sessions has no rep dimension \(it has: channel\)/],
    ['leads_created{stage=won}', 14, /leads_created has no stage dimension/],
    ['leads_created{channel=a,channel=b}', 24, /channel filter is given twice/],
    ['leads_created{channel=*}', 22, /every value/],
    ['leads_created{channel=}', 22, /value is missing/],
    ['leads_created{channel="web}', 22, /quoted value is never closed/],
    ['leads_created{channel=web', 13, /'\{' is never closed/],
    ['leads_created{=web}', 14, /needs a dimension name/],
  ])('%j fails at %d', (source, position, message) => {
    let caught: unknown;
    try {
      parseFormula(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FormulaError);
    const error = caught as FormulaError;
    expect(error.reason).toMatch(message);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`column ${position + 1}`);
  });
});

describe('parseFormula: metric references', () => {
  const winRate = parseFormula('deals_won / (deals_won + deals_lost)');
  const metrics: MetricResolver = {
    resolve: (name) => (name === 'win_rate' ? winRate : name === 'broken' ? null : undefined),
    names: ['win_rate', 'broken'],
  };

  it('expands a metric to its value formula', () => {
    const formula = parseFormula('win_rate * 100', { metrics });
    expect(formatFormula(formula)).toBe('deals_won / (deals_won + deals_lost) * 100');
    const values = new Map([
      ['deals_won', 3],
      ['deals_lost', 1],
    ]);
    expect(evaluateFormula(formula, values)).toBe(75);
  });

  it.each<[string, RegExp]>([
    ['before_end(win_rate)', /before_end\(\) takes a measure, and win_rate is a metric/],
    ['win_rate{channel=web}', /Filters apply to measures/],
    ['broken + 1', /Metric broken cannot be used here/],
    ['win_rat', /Unknown measure or metric "win_rat"\. Did you mean win_rate/],
  ])('%s is refused', (source, message) => {
    expect(() => parseFormula(source, { metrics })).toThrow(message);
  });

  it('does not know metrics without a resolver', () => {
    expect(() => parseFormula('win_rate')).toThrow(/Unknown measure "win_rate"/);
  });
});
