import { describe, expect, it } from 'vitest';
import {
  type AlertLifecycle,
  acknowledge,
  decisionText,
  INITIAL_LIFECYCLE,
  type Judgement,
  type LifecycleParams,
  type Notification,
  replayLifecycle,
  snooze,
  stepLifecycle,
} from '../../../src/core/alerts/index.ts';

const T0 = Date.parse('2026-11-09T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function judgement(code: 'B' | 'R' | 'D' | 'S'): Judgement {
  return {
    breaching: code === 'B',
    recovered: code === 'R',
    skipped: code === 'S' ? 'no_data' : null,
    value: code === 'S' ? null : 1,
    bound: 1,
    recoveryBound: 1,
    baseline: null,
    day: null,
    reason: code,
  };
}

/**
 * One row: at minute `t`, optionally a user action first, then an evaluation judged `j` (B breaching, R
 * recovered, D dead band, S skipped); expected decision, notification and resulting state.
 */
type Row = {
  t: number;
  j: 'B' | 'R' | 'D' | 'S';
  muted?: boolean;
  ack?: boolean;
  snoozeUntil?: number;
  expect: [decision: string, notify: Notification, state: AlertLifecycle['state']];
};

function run(params: LifecycleParams, rows: readonly Row[]) {
  let state: AlertLifecycle = INITIAL_LIFECYCLE;
  const seen: Array<[string, Notification, string]> = [];
  for (const row of rows) {
    if (row.ack) state = acknowledge(state, 'U1', at(row.t));
    if (row.snoozeUntil !== undefined) state = snooze(state, at(row.snoozeUntil), at(row.t));
    const step = stepLifecycle(state, judgement(row.j), {
      now: at(row.t),
      lifecycle: params,
      muted: row.muted ?? false,
    });
    seen.push([step.decision, step.notify, step.next.state]);
    state = step.next;
  }
  return { seen, state };
}

const CASES: ReadonlyArray<[string, LifecycleParams, Row[]]> = [
  [
    'for 1 fires on the first breach, resolves once',
    { forEvaluations: 1, repeatEveryMinutes: 0 },
    [
      { t: 0, j: 'R', expect: ['ok', null, 'ok'] },
      { t: 10, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 20, j: 'B', expect: ['firing', null, 'firing'] },
      { t: 30, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
      { t: 40, j: 'R', expect: ['ok', null, 'ok'] },
    ],
  ],
  [
    'for 3 counts consecutive breaches; one non-breaching evaluation resets the count',
    { forEvaluations: 3, repeatEveryMinutes: 0 },
    [
      { t: 0, j: 'B', expect: ['pending:1/3', null, 'pending'] },
      { t: 10, j: 'B', expect: ['pending:2/3', null, 'pending'] },
      { t: 20, j: 'D', expect: ['pending:reset', null, 'ok'] },
      { t: 30, j: 'B', expect: ['pending:1/3', null, 'pending'] },
      { t: 40, j: 'R', expect: ['pending:reset', null, 'ok'] },
      { t: 50, j: 'B', expect: ['pending:1/3', null, 'pending'] },
      { t: 60, j: 'B', expect: ['pending:2/3', null, 'pending'] },
      { t: 70, j: 'B', expect: ['fired', 'fire', 'firing'] },
    ],
  ],
  [
    'flapping around the trigger: the dead band holds, so it fires once and resolves once',
    { forEvaluations: 1, repeatEveryMinutes: 0 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 10, j: 'D', expect: ['held:dead_band', null, 'firing'] },
      { t: 20, j: 'B', expect: ['firing', null, 'firing'] },
      { t: 30, j: 'D', expect: ['held:dead_band', null, 'firing'] },
      { t: 40, j: 'B', expect: ['firing', null, 'firing'] },
      { t: 50, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
      { t: 60, j: 'D', expect: ['ok', null, 'ok'] },
    ],
  ],
  [
    'skipped evaluations hold everything, pending count included',
    { forEvaluations: 2, repeatEveryMinutes: 0 },
    [
      { t: 0, j: 'B', expect: ['pending:1/2', null, 'pending'] },
      { t: 10, j: 'S', expect: ['skipped:no_data', null, 'pending'] },
      { t: 20, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 30, j: 'S', expect: ['skipped:no_data', null, 'firing'] },
      { t: 40, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
    ],
  ],
  [
    'repeats every 60 minutes while firing (the dead band repeats too), measured from the last notification',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 59, j: 'B', expect: ['firing', null, 'firing'] },
      { t: 60, j: 'B', expect: ['repeated', 'repeat', 'firing'] },
      { t: 100, j: 'D', expect: ['held:dead_band', null, 'firing'] },
      { t: 125, j: 'D', expect: ['repeated', 'repeat', 'firing'] },
      { t: 130, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
    ],
  ],
  [
    'repeat interval 0 never repeats',
    { forEvaluations: 1, repeatEveryMinutes: 0 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 100_000, j: 'B', expect: ['firing', null, 'firing'] },
    ],
  ],
  [
    'ack stops repeats until resolved; the next episode is not acked',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 30, j: 'B', ack: true, expect: ['firing', null, 'firing'] },
      { t: 60, j: 'B', expect: ['suppressed:acked', null, 'firing'] },
      { t: 600, j: 'B', expect: ['suppressed:acked', null, 'firing'] },
      { t: 610, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
      { t: 620, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 680, j: 'B', expect: ['repeated', 'repeat', 'firing'] },
    ],
  ],
  [
    'snooze withholds repeats; on expiry while firing the next evaluation repeats once',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 10, j: 'B', snoozeUntil: 300, expect: ['firing', null, 'firing'] },
      { t: 60, j: 'B', expect: ['suppressed:snoozed', null, 'firing'] },
      { t: 299, j: 'B', expect: ['suppressed:snoozed', null, 'firing'] },
      { t: 300, j: 'B', expect: ['repeated:snooze_expired', 'repeat', 'firing'] },
      { t: 330, j: 'B', expect: ['firing', null, 'firing'] },
      { t: 360, j: 'B', expect: ['repeated', 'repeat', 'firing'] },
    ],
  ],
  [
    'snooze expiring with no repeat interval still reminds once',
    { forEvaluations: 1, repeatEveryMinutes: 0 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 10, j: 'B', snoozeUntil: 100, expect: ['firing', null, 'firing'] },
      { t: 100, j: 'D', expect: ['repeated:snooze_expired', 'repeat', 'firing'] },
      { t: 200, j: 'B', expect: ['firing', null, 'firing'] },
    ],
  ],
  [
    'a resolve during a snooze is still told (the thread closes), and the new episode drops the snooze',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 10, j: 'B', snoozeUntil: 10_000, expect: ['firing', null, 'firing'] },
      { t: 20, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
      { t: 30, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 90, j: 'B', expect: ['repeated', 'repeat', 'firing'] },
    ],
  ],
  [
    'muted: the state moves silently and a silent episode resolves silently',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', muted: true, expect: ['suppressed:muted', null, 'firing'] },
      { t: 120, j: 'B', muted: true, expect: ['suppressed:muted', null, 'firing'] },
      { t: 130, j: 'R', muted: true, expect: ['resolved:silent', null, 'ok'] },
      { t: 140, j: 'R', expect: ['ok', null, 'ok'] },
    ],
  ],
  [
    'unmuted while still firing and never told: the next evaluation fires',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', muted: true, expect: ['suppressed:muted', null, 'firing'] },
      { t: 10, j: 'D', expect: ['fired', 'fire', 'firing'] },
      { t: 70, j: 'B', expect: ['repeated', 'repeat', 'firing'] },
      { t: 80, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
    ],
  ],
  [
    'muted after it was told: reminders and the resolve are withheld',
    { forEvaluations: 1, repeatEveryMinutes: 60 },
    [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 30, j: 'B', muted: true, expect: ['firing', null, 'firing'] },
      { t: 60, j: 'B', muted: true, expect: ['suppressed:muted', null, 'firing'] },
      { t: 70, j: 'R', muted: true, expect: ['suppressed:muted', null, 'ok'] },
    ],
  ],
];

describe('stepLifecycle', () => {
  it.each(CASES)('%s', (_title, params, rows) => {
    const { seen } = run(params, rows);
    expect(seen).toEqual(rows.map((r) => r.expect));
  });

  it('records when it fired and when it last notified', () => {
    const fired = stepLifecycle(INITIAL_LIFECYCLE, judgement('B'), {
      now: at(5),
      lifecycle: { forEvaluations: 1, repeatEveryMinutes: 60 },
      muted: false,
    });
    expect(fired.next).toEqual({
      state: 'firing',
      pendingCount: 0,
      firingSince: at(5),
      lastNotified: at(5),
      ackedAt: null,
      ackedBy: null,
      snoozedUntil: null,
    });
    const repeated = stepLifecycle(fired.next, judgement('B'), {
      now: at(65),
      lifecycle: { forEvaluations: 1, repeatEveryMinutes: 60 },
      muted: false,
    });
    expect(repeated.next.firingSince).toEqual(at(5));
    expect(repeated.next.lastNotified).toEqual(at(65));
  });

  it('a new firing clears the previous episode’s ack and snooze', () => {
    const { state } = run({ forEvaluations: 1, repeatEveryMinutes: 60 }, [
      { t: 0, j: 'B', expect: ['fired', 'fire', 'firing'] },
      { t: 5, j: 'B', ack: true, snoozeUntil: 9_000, expect: ['firing', null, 'firing'] },
      { t: 10, j: 'R', expect: ['resolved', 'resolve', 'ok'] },
    ]);
    expect(state.ackedBy).toBe('U1');
    const next = stepLifecycle(state, judgement('B'), {
      now: at(20),
      lifecycle: { forEvaluations: 1, repeatEveryMinutes: 60 },
      muted: false,
    });
    expect(next.next).toMatchObject({
      ackedAt: null,
      ackedBy: null,
      snoozedUntil: null,
      firingSince: at(20),
    });
  });

  it('never mutates the previous lifecycle', () => {
    const prev = { ...INITIAL_LIFECYCLE };
    const copy = structuredClone(prev);
    stepLifecycle(prev, judgement('B'), {
      now: at(0),
      lifecycle: { forEvaluations: 1, repeatEveryMinutes: 0 },
      muted: false,
    });
    expect(prev).toEqual(copy);
  });
});

describe('acknowledge and snooze', () => {
  const firing: AlertLifecycle = {
    ...INITIAL_LIFECYCLE,
    state: 'firing',
    firingSince: at(0),
    lastNotified: at(0),
  };

  it('ack records who and when; on a non-firing alert it changes nothing', () => {
    expect(acknowledge(firing, 'U9', at(3))).toMatchObject({ ackedAt: at(3), ackedBy: 'U9' });
    expect(acknowledge(INITIAL_LIFECYCLE, 'U9', at(3))).toBe(INITIAL_LIFECYCLE);
  });

  it('snooze sets a future time; a past time clears it; a non-firing alert is unchanged', () => {
    expect(snooze(firing, at(100), at(3)).snoozedUntil).toEqual(at(100));
    expect(snooze({ ...firing, snoozedUntil: at(100) }, at(1), at(3)).snoozedUntil).toBeNull();
    expect(snooze(INITIAL_LIFECYCLE, at(100), at(3))).toBe(INITIAL_LIFECYCLE);
  });
});

describe('replayLifecycle', () => {
  it('steps a fresh state through past judgements, one result per time', () => {
    const codes = ['R', 'B', 'B', 'D', 'R', 'S', 'B'] as const;
    const times = codes.map((_, i) => at(i * 1440));
    const replay = replayLifecycle(
      codes.map((c) => judgement(c)),
      times,
      { forEvaluations: 2, repeatEveryMinutes: 0 },
    );
    expect(replay.map((r) => [r.at, r.step.decision, r.step.notify])).toEqual([
      [times[0], 'ok', null],
      [times[1], 'pending:1/2', null],
      [times[2], 'fired', 'fire'],
      [times[3], 'held:dead_band', null],
      [times[4], 'resolved', 'resolve'],
      [times[5], 'skipped:no_data', null],
      [times[6], 'pending:1/2', null],
    ]);
  });

  it('muted replays never notify', () => {
    const replay = replayLifecycle(
      [judgement('B'), judgement('R')],
      [at(0), at(10)],
      { forEvaluations: 1, repeatEveryMinutes: 0 },
      true,
    );
    expect(replay.map((r) => r.step.notify)).toEqual([null, null]);
    expect(replay.map((r) => r.step.next.state)).toEqual(['firing', 'ok']);
  });
});

describe('decisionText', () => {
  it.each<[string, 'en' | 'fr', string]>([
    ['pending:2/3', 'en', 'In breach: 2 of 3 evaluations before it fires'],
    ['pending:1/3', 'fr', "En dépassement\u00a0: 1 évaluation sur 3 avant l'alerte"],
    ['suppressed:acked', 'en', 'Acknowledged: no reminder'],
    ['resolved:silent', 'fr', "Rétablie sans message (elle n'avait jamais été annoncée)"],
    ['skipped:no_data', 'en', 'Not judged'],
    ['something:new', 'en', 'something:new'],
  ])('%s (%s) → %s', (decision, lang, text) => {
    expect(decisionText(decision, lang)).toBe(text);
  });

  it('has words for every decision the lifecycle tables produce', () => {
    const codes = new Set(CASES.flatMap(([, , rows]) => rows.map((r) => r.expect[0])));
    for (const code of codes) {
      expect(decisionText(code, 'en')).not.toBe(code);
      expect(decisionText(code, 'fr')).not.toBe(code);
    }
    expect(codes.size).toBeGreaterThanOrEqual(14);
  });
});
