import { describe, expect, it } from 'vitest';
import type { QueryError } from '../../../src/core/query/index.ts';
import { parse, parseError } from './parse-helpers.ts';

/** French typography puts no-break spaces before ":" and "?": compare messages with plain spaces. */
const plain = (message: string) => message.replace(/\u00a0/g, ' ');

describe('unknown metrics', () => {
  const CASES: ReadonlyArray<readonly [string, { lang: 'en' | 'fr'; quoted: string; first?: string }]> = [
    ['convrsion', { lang: 'en', quoted: '“convrsion”', first: 'Conversion rate' }],
    ['convrsion last week', { lang: 'en', quoted: '“convrsion”', first: 'Conversion rate' }],
    ['wim rate by rep', { lang: 'en', quoted: '“wim”', first: 'Win rate' }],
    ['pipelin this month', { lang: 'en', quoted: '“pipelin”', first: 'Pipeline value' }],
    ['leeds', { lang: 'en', quoted: '“leeds”', first: 'Qualified leads' }],
    ['taux de convrsion', { lang: 'fr', quoted: '« convrsion »', first: 'Taux de conversion' }],
    ['combien de reunoins hier', { lang: 'fr', quoted: '« reunoins »', first: 'Rendez-vous' }],
    ['taux de reusite par commercial', { lang: 'fr', quoted: '« reusite »', first: 'Taux de réussite' }],
    ['banana', { lang: 'en', quoted: '“banana”' }],
  ];

  it.each(CASES)('%s', (text, { lang, quoted, first }) => {
    const error = parseError(text);
    expect(error.code).toBe('unknown_metric');
    expect(error.lang).toBe(lang);
    expect(plain(error.message)).toContain(quoted);
    expect(error.suggestions.length).toBeLessThanOrEqual(3);
    expect(error.candidates).toHaveLength(error.suggestions.length);
    expect(error.message).toContain(error.example);
    if (first) {
      expect(error.suggestions[0]).toBe(first);
      expect(plain(error.message)).toContain(lang === 'fr' ? 'Vouliez-vous dire :' : 'Did you mean:');
    } else {
      expect(error.suggestions).toEqual([]);
      expect(error.message).toContain(lang === 'fr' ? '/kpi liste' : '/kpi list');
    }
  });

  it('writes the message the way the team agreed', () => {
    expect(parseError('convrsion')).toMatchObject({
      message:
        "I don't know the metric “convrsion”. Did you mean: Conversion rate? Try `/kpi conversion rate last week`.",
      suggestions: ['Conversion rate'],
      candidates: ['conversion_rate'],
      example: '/kpi conversion rate last week',
    } satisfies Partial<QueryError>);
    expect(plain(parseError('taux de convrsion').message)).toBe(
      "Je ne connais pas l'indicateur « convrsion ». Vouliez-vous dire : Taux de conversion, " +
        'Conversion rdv → proposition ? ' +
        'Essayez `/kpi taux de conversion la semaine dernière`.',
    );
  });

  it.each([
    ['last week', 'en'],
    ['team:emea vs target', 'en'],
    ['<@U123|alice>', 'en'],
    ['la semaine dernière', 'fr'],
    ['taux', 'fr'],
  ])('asks which metric when %j names none', (text, lang) => {
    const error = parseError(text);
    expect(error.code).toBe('unknown_metric');
    expect(error.lang).toBe(lang);
    expect(plain(error.message)).toMatch(lang === 'fr' ? /^Quel indicateur \?/ : /^Which metric\?/);
  });

  it('keeps "for <word>" an unknown metric word when no metric matched', () => {
    expect(parseError('stats for convrsion').suggestions[0]).toBe('Conversion rate');
  });

  it('still answers with an empty vocabulary', () => {
    expect(parse('conversion', { vocabulary: [] })).toMatchObject({
      kind: 'error',
      error: { code: 'unknown_metric', example: '/kpi help' },
    });
  });
});

describe('ambiguous metrics', () => {
  it.each([
    ['cost', ['cac', 'cost_per_lead'], 'en'],
    ['leads and meetings', ['qualified_leads', 'meetings'], 'en'],
    ['sales', ['revenue_signed', 'sales_cycle'], 'en'],
    ['les leads et les rdv', ['qualified_leads', 'meetings'], 'fr'],
  ] as const)('%s', (text, candidates, lang) => {
    const error = parseError(text);
    expect(error.code).toBe('ambiguous_metric');
    expect(error.lang).toBe(lang);
    expect([...error.candidates].sort()).toEqual([...candidates].sort());
    expect(error.suggestions).toHaveLength(candidates.length);
    expect(plain(error.message)).toContain(lang === 'fr' ? 'Lequel ?' : 'Which one?');
    for (const label of error.suggestions) expect(error.message).toContain(label);
  });

  it('shows French labels to French speakers', () => {
    const error = parseError('les leads et les rdv');
    expect(error.suggestions.sort()).toEqual(['Leads qualifiés', 'Rendez-vous']);
  });
});
