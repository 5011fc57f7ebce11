import { describe, expect, it } from 'vitest';
import { evaluateFormula, formulaTerms } from '../../../src/core/metrics/evaluate-formula.ts';
import { termKey } from '../../../src/core/metrics/formula.ts';
import { parseFormula } from '../../../src/core/metrics/parse-formula.ts';

const values = new Map<string, number>([
  ['deals_won', 6],
  ['deals_lost', 2],
  ['leads_created{channel=web_form}', 40],
  ['leads_created', 100],
  ['before_end(revenue_won)', 1000],
  ['before_start(revenue_won)', 400],
]);

describe('evaluateFormula', () => {
  it.each<[string, number | null]>([
    ['deals_won / (deals_won + deals_lost)', 0.75],
    ['leads_created{channel=web_form} / leads_created', 0.4],
    ['before_end(revenue_won) - before_start(revenue_won)', 600],
    // Division by zero gives no value, never Infinity or NaN, and "no value" propagates.
    ['deals_won / 0', null],
    ['0 / 0', null],
    ['deals_won / (deals_lost - 2)', null],
    ['(deals_won / 0) * 0 + 1', null],
    ['-(deals_won / 0)', null],
    // An absent term counts as 0: no rollup row means nothing happened.
    ['calls', 0],
    ['calls / deals_won', 0],
    ['deals_won / calls', null],
  ])('%s → %s', (source, expected) => {
    expect(evaluateFormula(parseFormula(source), values)).toBe(expected);
  });

  it('gives null for non-finite inputs instead of propagating them', () => {
    const f = parseFormula('deals_won + 1');
    expect(evaluateFormula(f, new Map([['deals_won', Number.NaN]]))).toBeNull();
    expect(evaluateFormula(f, new Map([['deals_won', Number.POSITIVE_INFINITY]]))).toBeNull();
  });

  it('gives null when a product overflows', () => {
    expect(
      evaluateFormula(parseFormula('deals_won * deals_won'), new Map([['deals_won', 1e200]])),
    ).toBeNull();
  });
});

describe('formulaTerms and termKey', () => {
  it('lists each term once, in order of appearance', () => {
    const f = parseFormula(
      'deals_won / (deals_won + deals_lost) + before_end(deals_won) + deals_won{channel=web} + deals_won{ channel = web }',
    );
    expect(formulaTerms(f).map(termKey)).toEqual([
      'deals_won',
      'deals_lost',
      'before_end(deals_won)',
      'deals_won{channel=web}',
    ]);
  });

  it('keys terms the same whatever the filter order or spacing', () => {
    const [a] = formulaTerms(parseFormula('leads_created{channel=web, campaign=c1}'));
    const [b] = formulaTerms(parseFormula('leads_created{ campaignId = c1 ,channel=web }'));
    expect(a && termKey(a)).toBe('leads_created{campaign=c1,channel=web}');
    expect(a && b && termKey(a) === termKey(b)).toBe(true);
  });

  it('keys are formulas that parse back to the same term', () => {
    const source = 'before_start(leads_created{campaign="Spring sale",rep=r1})';
    const [term] = formulaTerms(parseFormula(source));
    expect(term && termKey(term)).toBe(source);
    expect(term && formulaTerms(parseFormula(termKey(term)))).toEqual([term]);
  });

  it('has no terms for a constant', () => {
    expect(formulaTerms(parseFormula('1 + 2'))).toEqual([]);
  });
});
