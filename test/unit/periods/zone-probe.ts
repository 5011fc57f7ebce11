/**
 * Resolves a fixed set of phrases and prints the results as JSON. process-zones.test.ts runs it under several
 * process TZ values: the output must not depend on the process zone.
 */
import {
  findPeriod,
  formatInstant,
  localDays,
  type Period,
  type PeriodContext,
  periodLabel,
  previousPeriod,
  resolvePeriod,
  samePeriodLastYear,
} from '../../../src/core/periods/index.ts';

const PHRASES = [
  'today',
  'yesterday',
  'this week',
  'last week',
  'last 7 days',
  'last 30 days',
  'MTD',
  'last month',
  'Q3',
  'T3 2025',
  'H1',
  'March',
  'décembre',
  'since March 1',
  'depuis le 1er mars',
  'du 1er au 15 mars',
  'from December 15 to January 15',
  '2026-03-29',
  '25/10/2026',
  'March 15',
  'les 3 derniers mois',
  "l'an dernier",
  'YTD',
];

const CONTEXTS: PeriodContext[] = [
  { now: new Date('2026-11-18T13:30:00Z'), tz: 'Europe/Paris' },
  { now: new Date('2026-03-29T00:30:00Z'), tz: 'Europe/Paris' },
  { now: new Date('2026-10-25T23:30:00Z'), tz: 'Europe/Paris', fiscalYearStart: 4 },
  { now: new Date('2026-11-01T06:30:00Z'), tz: 'America/New_York', weekStart: 7 },
  { now: new Date('2026-11-18T20:00:00Z'), tz: 'Asia/Tokyo' },
  { now: new Date('2026-04-04T14:00:00Z'), tz: 'Pacific/Chatham' },
  { now: new Date('2026-10-03T15:45:00Z'), tz: 'Australia/Lord_Howe' },
  { now: new Date('2028-02-29T23:30:00Z'), tz: 'UTC' },
];

function describePeriod(p: Period | null) {
  if (!p) return null;
  return {
    start: formatInstant(p.start, p.tz),
    end: formatInstant(p.end, p.tz),
    utc: [p.start.toISOString(), p.end.toISOString()],
    grain: p.grain,
    toDate: p.toDate,
    en: periodLabel(p, 'en'),
    fr: periodLabel(p, 'fr'),
    days: localDays(p).length,
  };
}

export function probe() {
  return CONTEXTS.flatMap((ctx) =>
    PHRASES.map((phrase) => {
      const p = resolvePeriod(phrase, ctx);
      return {
        tz: ctx.tz,
        phrase,
        period: describePeriod(p),
        previous: describePeriod(p && previousPeriod(p, ctx)),
        lastYear: describePeriod(p && samePeriodLastYear(p, ctx)),
        found: findPeriod(`leads ${phrase} vs target`, ctx)?.length ?? null,
      };
    }),
  );
}

// Tells the test which zone the process really ran in, so it can check the TZ variable took effect.
const processOffset = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
process.stdout.write(JSON.stringify({ processOffset, results: probe() }));
