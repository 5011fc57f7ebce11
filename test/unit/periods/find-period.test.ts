import { describe, expect, it } from 'vitest';
import { findPeriod, periodLabel } from '../../../src/core/periods/index.ts';
import { at, PARIS } from './period-fixtures.ts';

describe('findPeriod in sentences', () => {
  const TABLE: ReadonlyArray<[text: string, span: string, label: string]> = [
    ['win rate by rep last quarter vs target', 'last quarter', 'last quarter'],
    ['taux de conversion par canal le mois dernier', 'le mois dernier', 'last month'],
    ['combien de rendez-vous hier ?', 'hier', 'yesterday'],
    ['/kpi conversion last week', 'last week', 'last week'],
    ['meetings booked over the last 30 days by rep', 'over the last 30 days', 'last 30 days'],
    ['CA signé en février 2025 par commercial', 'en février 2025', 'February 2025'],
    ['Leads DU 1ER AU 15 MARS par canal', 'DU 1ER AU 15 MARS', '1–15 March 2026'],
    ['réunions depuis le 1er mars, équipe EMEA', 'depuis le 1er mars', 'since 1 March 2026'],
    ['pipeline Q3 2025 team:emea', 'Q3 2025', 'Q3 2025'],
    ['leads cette semaine vs la semaine dernière', 'cette semaine', 'this week'],
    ['leads this month vs same month last year', 'this month', 'this month'],
    ['revenue from March 1 to March 15 by rep', 'from March 1 to March 15', '1–15 March 2026'],
    ['panier moyen du 01/03/2026 au 15/03/2026', 'du 01/03/2026 au 15/03/2026', '1–15 March 2026'],
    ['taux d’ouverture sur les 7 derniers jours', 'sur les 7 derniers jours', 'last 7 days'],
    ['🚀 leads last week 🎉', 'last week', 'last week'],
    ['Продажи leads semaine passée', 'semaine passée', 'last week'],
    // A decomposed accent (e + U+0301) stays inside the reported span.
    ['leads semaine passe\u0301e ok', 'semaine passe\u0301e', 'last week'],
    ['may I see the leads of May 2025?', 'of May 2025', 'May 2025'],
    ['les sept derniers jours', 'les sept derniers jours', 'last 7 days'],
  ];

  it.each(TABLE)('%s', (text, span, label) => {
    const match = findPeriod(text, PARIS, 'en');
    expect(match && text.slice(match.index, match.index + match.length)).toBe(span);
    expect(match && periodLabel(match.period, 'en')).toBe(label);
  });

  it.each([
    'leads vs last year',
    'conversion par rapport à l’an dernier',
    'win rate by rep',
    'may I see the leads',
    'top 3/4 reps',
    'top 2025 deals',
    'sept leads qualifiés',
    'fichier de la semaine',
  ])('%j names no period', (text) => {
    expect(findPeriod(text, PARIS, 'fr')).toBeNull();
  });

  it('accepts French whatever the language argument says', () => {
    expect(findPeriod('leads hier', PARIS, 'en')?.period.key).toEqual({
      kind: 'relative',
      unit: 'day',
      offset: -1,
    });
    expect(findPeriod('leads yesterday', PARIS, 'fr')?.period.key).toEqual({
      kind: 'relative',
      unit: 'day',
      offset: -1,
    });
  });

  it('exposes a structured key for the caller', () => {
    expect(findPeriod('les 30 derniers jours', PARIS)?.period.key).toEqual({
      kind: 'lastN',
      unit: 'day',
      n: 30,
    });
    expect(findPeriod('T3 2025', PARIS)?.period.key).toEqual({
      kind: 'quarter',
      year: 2025,
      q: 3,
      fiscalYearStart: 1,
    });
    expect(findPeriod('depuis le 1er mars', PARIS)?.period.key).toEqual({
      kind: 'since',
      date: '2026-03-01',
    });
  });
});

/** A deterministic pseudo-random generator, so a failing input can be reproduced. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const PIECES = [
  'last',
  'week',
  'du',
  'au',
  '1er',
  'mars',
  'since',
  'from',
  'to',
  '15',
  '/',
  '03',
  '2026',
  'Q3',
  'T',
  'S1',
  'les',
  'derniers',
  'jours',
  '-',
  ' ',
  ' ',
  "l'",
  'an',
  'dernier',
  'é',
  '🚀',
  'Ж',
  '\u0301',
  '30',
  'between',
  'and',
  'may',
  'the',
  'of',
  'depuis',
  'le',
  '.',
  ',',
  'hier',
  'today',
  'vs',
  '\n',
  '2099',
  '31/02',
];

describe('findPeriod robustness', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji', '🚀🎉👍🏽'.repeat(50)],
    ['Cyrillic', 'Продажи за прошлую неделю'],
    ['10k digits', '9'.repeat(10_000)],
    ['10k of "last "', 'last '.repeat(2_000)],
    ['10k of "du 1er au "', 'du 1er au '.repeat(1_000)],
    ['10k of "1/"', '1/'.repeat(5_000)],
    ['10k of "15 mars - "', '15 mars - '.repeat(1_000)],
  ])(
    '%s: returns null or a valid span, never throws (a pathological regex shows as a timeout)',
    (_name, text) => {
      const match = findPeriod(text, PARIS);
      if (match) expect(match.index + match.length).toBeLessThanOrEqual(text.length);
    },
  );

  it('random mixes of grammar pieces never throw and always give well-formed periods', () => {
    const random = prng(42);
    for (let i = 0; i < 400; i++) {
      const length = 1 + Math.floor(random() * 12);
      const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join(' ');
      const ctx = at('2026-11-18T13:30:00Z', i % 2 ? 'Pacific/Chatham' : 'America/New_York');
      const match = findPeriod(text, ctx);
      if (!match) continue;
      expect(match.index).toBeGreaterThanOrEqual(0);
      expect(match.length).toBeGreaterThan(0);
      expect(match.index + match.length).toBeLessThanOrEqual(text.length);
      expect(match.period.start.getTime()).toBeLessThan(match.period.end.getTime());
      if (match.period.toDate) expect(match.period.end.getTime()).toBe(ctx.now.getTime());
    }
  });
});
