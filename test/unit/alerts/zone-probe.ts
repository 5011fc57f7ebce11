/**
 * Runs the date-sensitive parts of the alert core (elapsed share, anomaly weekdays, headlines, lasted, replays)
 * and prints the results as JSON. process-zones.test.ts runs it under several process TZ values: the output must
 * not depend on the process zone.
 */
import { DateTime } from 'luxon';
import {
  buildAlertView,
  elapsedShare,
  formatLasted,
  judge,
  replayLifecycle,
} from '../../../src/core/alerts/index.ts';
import { ANOMALY_DEFAULTS, WEEKDAY_HISTORY } from './fixtures.ts';

const shares = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'].flatMap((tz) =>
  ['2026-03-29T12:00', '2026-11-01T01:30', '2026-11-16T09:00', '2026-12-31T23:59'].flatMap((at) =>
    [true, false].map((working) => {
      const now = DateTime.fromISO(at, { zone: tz });
      const start = now.startOf('month');
      const range = { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
      return { tz, at, working, share: elapsedShare(range, now.toJSDate(), tz, working) };
    }),
  ),
);

const days = ['2026-03-29', '2026-10-25', '2026-11-01', '2026-11-10', '2027-01-01'];
const anomalies = (['en', 'fr'] as const).flatMap((lang) =>
  days.map((date) => {
    const j = judge(
      ANOMALY_DEFAULTS,
      { kind: 'anomaly', days: [{ date, value: 48, history: WEEKDAY_HISTORY }] },
      { lang, status: 'ok', format: 'number' },
    );
    const view = buildAlertView({
      stateId: 'state-1',
      ruleId: 'rule-1',
      ruleName: 'Leads',
      lang,
      condition: ANOMALY_DEFAULTS,
      metric: { name: 'leads', label: 'Leads', format: 'number', direction: 'up_is_good' },
      scopeLabel: 'Company',
      judgement: j,
      firingSince: new Date('2026-11-01T06:30:00Z'),
      resolvedAt: new Date('2026-11-02T09:45:00Z'),
    });
    return { date, lang, reason: j.reason, headline: view.headline, lasted: view.lasted };
  }),
);

const replay = replayLifecycle(
  [true, true, false, true].map((breaching) => ({
    breaching,
    recovered: !breaching,
    skipped: null,
    value: 1,
    bound: 1,
    recoveryBound: 1,
    baseline: null,
    day: null,
    reason: '',
  })),
  ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-03-29T02:30:00Z', '2026-11-01T05:30:00Z'].map(
    (iso) => new Date(iso),
  ),
  { forEvaluations: 2, repeatEveryMinutes: 60 },
).map((r) => [r.at.toISOString(), r.step.decision]);

process.stdout.write(
  JSON.stringify({
    processOffset: new Date('2026-01-15T12:00:00Z').getTimezoneOffset(),
    shares,
    anomalies,
    lasted: formatLasted(90_061_000, 'fr'),
    replay,
  }),
);
