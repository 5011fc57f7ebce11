import { describe, expect, it } from 'vitest';
import {
  CARD_ACTIONS,
  type CardElement,
  cardSize,
  renderAnswerCard,
  TEAMS_CARD_MAX_BYTES,
} from '../../../src/teams/cards/index.ts';
import { kpiAnswer, row } from './answer-factory.ts';
import { cardProblems, cardTexts } from './card-validator.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const previousWeek = {
  start: '2026-11-02T00:00:00+01:00',
  end: '2026-11-09T00:00:00+01:00',
  label: 'previous week',
  tz: 'Europe/Paris',
};

function find<T extends CardElement['type']>(
  body: CardElement[],
  type: T,
): Extract<CardElement, { type: T }> | undefined {
  return body.find((e): e is Extract<CardElement, { type: T }> => e.type === type);
}

describe('renderAnswerCard', () => {
  it('win rate by rep this quarter, with target and pace: figure, parts, range, comparison, target, table, buttons', () => {
    const answer = kpiAnswer({
      period: {
        start: '2026-10-01T00:00:00+02:00',
        end: '2026-11-18T11:00:00+01:00',
        label: 'this quarter',
        tz: 'Europe/Paris',
      },
      comparison: {
        label: 'previous quarter',
        period: previousWeek,
        value: 0.39,
        delta: 0.0313,
        change: 0.0803,
      },
      target: {
        value: 0.45,
        attainment: 0.936,
        pace: { expected: 0.45, elapsedShare: 0.52, attainment: 0.936 },
      },
      breakdown: [row('Alice Martin', 0.5, 10, 20), row('Bob Durand', 0.25, 2, 8)],
      breakdownTotal: 2,
      breakdownBy: 'rep',
    });
    const card = renderAnswerCard(answer, { question: 'win rate by rep this quarter' });
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts.slice(0, 5)).toEqual([
      'Win rate — this quarter',
      '1 Oct 2026 00:00 → 18 Nov 2026 11:00 (Europe/Paris)',
      '42.1%',
      '(59 / 140)',
      '▲ +3.1 pts vs previous quarter (39%) — better',
    ]);
    expect(texts).toContain('Target: 45% — 94% attained');
    expect(texts).toContain('Expected by now: 45% (94%)');
    expect(texts).toContain('By rep');
    expect(texts).toEqual(
      expect.arrayContaining(['Rep', 'Win rate', 'Detail', 'Alice Martin', '50%', '10 / 20']),
    );
    const comparison = card.content.body.find((e) => e.type === 'TextBlock' && e.text.startsWith('▲'));
    expect(comparison).toMatchObject({ color: 'Good' });
    const table = find(card.content.body, 'Table');
    expect(table?.rows).toHaveLength(3);
    expect(table?.firstRowAsHeader).toBe(true);
    expect(card.content.actions?.map((a) => [a.title, a.data])).toEqual([
      ['By team', { kpiAction: CARD_ACTIONS.breakdown, q: 'win rate by rep this quarter', b: 'team' }],
      ['By channel', { kpiAction: CARD_ACTIONS.breakdown, q: 'win rate by rep this quarter', b: 'channel' }],
      [
        'Previous period',
        { kpiAction: CARD_ACTIONS.previous, q: 'win rate by rep this quarter', p: 'previous' },
      ],
    ]);
    expect(card.content.fallbackText).toBe('Win rate — this quarter: 42.1%');
  });

  it('French revenue: figures, labels and buttons in French, no numerator/denominator for an amount', () => {
    const answer = kpiAnswer({
      lang: 'fr',
      metric: {
        name: 'revenue_signed',
        label: 'CA signé',
        format: 'currency',
        direction: 'up_is_good',
        currency: 'EUR',
      },
      period: {
        start: '2026-10-01T00:00:00+02:00',
        end: '2026-11-01T00:00:00+01:00',
        label: 'le mois dernier',
        tz: 'Europe/Paris',
      },
      scope: { team: 'Équipe Lyon', rep: null, channel: null },
      value: 123456,
      numerator: 123456,
      denominator: null,
      comparison: {
        label: 'mois précédent',
        period: previousWeek,
        value: 150000,
        delta: -26544,
        change: -0.17696,
      },
      definition: 'Montant des affaires gagnées, par date de signature',
    });
    const card = renderAnswerCard(answer, { question: 'CA signé équipe Lyon le mois dernier' });
    expect(cardProblems(card)).toEqual([]);
    expect(card.content.lang).toBe('fr');
    const texts = cardTexts(card);
    expect(texts.slice(0, 4)).toEqual([
      'CA signé — Équipe Lyon — le mois dernier',
      '1 oct. 2026 → 31 oct. 2026 (Europe/Paris)',
      `123${NNBSP}456${NBSP}€`,
      `▼ -17,7${NBSP}% vs mois précédent (150${NNBSP}000${NBSP}€) — moins bien`,
    ]);
    expect(find(card.content.body, 'ColumnSet')).toBeUndefined();
    expect(card.content.body.find((e) => e.type === 'TextBlock' && e.text.startsWith('▼'))).toMatchObject({
      color: 'Attention',
    });
    expect(card.content.actions?.map((a) => a.title)).toEqual([
      'Par commercial',
      'Par équipe',
      'Par canal',
      'Période précédente',
    ]);
  });

  it('judges a fall as good for a down-is-good metric', () => {
    const answer = kpiAnswer({
      metric: {
        name: 'sales_cycle',
        label: 'Sales cycle',
        format: 'duration_days',
        direction: 'down_is_good',
      },
      value: 30,
      numerator: 300,
      denominator: 10,
      comparison: { label: 'previous week', period: previousWeek, value: 40, delta: -10, change: -0.25 },
    });
    const line = cardTexts(renderAnswerCard(answer, { question: 'sales cycle' })).find((t) =>
      t.startsWith('▼'),
    );
    expect(line).toBe('▼ -25% vs previous week (40 days) — better');
    const block = renderAnswerCard(answer, { question: 'sales cycle' }).content.body.find(
      (e) => e.type === 'TextBlock' && e.text === line,
    );
    expect(block).toMatchObject({ color: 'Good' });
  });

  it('no data: a dash, "no data" for the comparison, and the warning in small print', () => {
    const answer = kpiAnswer({
      value: null,
      numerator: 0,
      denominator: 0,
      comparison: { label: 'previous week', period: previousWeek, value: null, delta: null, change: null },
      warnings: ['No closed deals in this period.'],
    });
    const card = renderAnswerCard(answer, { question: 'win rate last week' });
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts).toContain('—');
    expect(texts).toContain('vs previous week: no data');
    const warning = card.content.body.find((e) => e.type === 'TextBlock' && e.text.startsWith('⚠'));
    expect(warning).toEqual(
      expect.objectContaining({
        text: '⚠ No closed deals in this period.',
        size: 'Small',
        isSubtle: true,
        wrap: true,
      }),
    );
  });

  it('a time series by month: a table of months, and every dimension button', () => {
    const months = ['Sep 2026', 'Oct 2026', 'Nov 2026'];
    const answer = kpiAnswer({
      metric: { name: 'leads', label: 'Leads', format: 'number', direction: 'up_is_good' },
      value: 420,
      numerator: null,
      denominator: null,
      breakdown: months.map((m, i) => row(m, 100 + i * 60)),
      breakdownTotal: 3,
      breakdownBy: 'month',
    });
    const card = renderAnswerCard(answer, { question: 'leads by month this quarter' });
    expect(cardProblems(card)).toEqual([]);
    const table = find(card.content.body, 'Table');
    expect(table?.columns).toHaveLength(2);
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['By month', 'Month', 'Sep 2026', '220']));
    expect(card.content.actions?.map((a) => a.data.b ?? a.data.p)).toEqual([
      'rep',
      'team',
      'channel',
      'previous',
    ]);
  });

  it('a funnel by stage with more stages than shown: "… and N more"', () => {
    const answer = kpiAnswer({
      metric: {
        name: 'stage_conversion',
        label: 'Stage conversion',
        format: 'percent',
        direction: 'up_is_good',
      },
      breakdown: [row('Lead → MQL', 0.4, 40, 100), row('MQL → SQL', 0.5, 20, 40)],
      breakdownTotal: 5,
      breakdownBy: 'stage',
    });
    const texts = cardTexts(renderAnswerCard(answer, { question: 'conversion by stage' }));
    expect(texts).toEqual(expect.arrayContaining(['By stage', 'Stage', 'Lead → MQL', '40%', '40 / 100']));
    expect(texts).toContain('… and 3 more');
  });

  it('a private card says so; a card for one rep offers no rep breakdown', () => {
    const answer = kpiAnswer({ scope: { rep: 'Alice Martin', team: null, channel: null } });
    const card = renderAnswerCard(answer, { question: 'win rate for alice', shareable: false });
    expect(cardTexts(card)[0]).toBe('🔒 Sent to you only: it shows figures by rep.');
    expect(card.content.actions?.map((a) => a.title)).toEqual(['By team', 'By channel', 'Previous period']);
    expect(cardTexts(renderAnswerCard(answer, { question: 'x' }))[0]).toBe(
      'Win rate — Alice Martin — last week',
    );
  });

  it('keeps the overrides it was computed with in its own buttons', () => {
    const answer = kpiAnswer({ breakdownBy: 'team', breakdown: [row('Paris', 0.5)], breakdownTotal: 1 });
    const byTeam = renderAnswerCard(answer, { question: 'win rate', applied: { b: 'team' } });
    expect(byTeam.content.actions?.map((a) => a.data)).toEqual([
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'rep' },
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'channel' },
      { kpiAction: 'kpi_previous', q: 'win rate', p: 'previous', b: 'team' },
    ]);
    const previous = renderAnswerCard(answer, { question: 'win rate', applied: { p: 'previous' } });
    expect(previous.content.actions?.map((a) => a.data)).toEqual([
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'rep', p: 'previous' },
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'channel', p: 'previous' },
    ]);
  });

  it('does not let data turn into links or lists', () => {
    const answer = kpiAnswer({
      breakdownBy: 'campaign',
      breakdown: [row('[click](https://evil.test)', 0.1), row('1. Spring\nlaunch', 0.2)],
      breakdownTotal: 2,
    });
    const texts = cardTexts(renderAnswerCard(answer, { question: 'q' }));
    expect(texts).not.toContain('[click](https://evil.test)');
    expect(texts.some((t) => t.includes('](https'))).toBe(false);
    expect(texts).toContain('\u200b1. Spring launch');
  });

  it('cuts a 2,000-row breakdown to the size limit, with the number left out', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`Rep number ${i + 1}`, i / 2000, i, 2000));
    const answer = kpiAnswer({ breakdown: rows, breakdownTotal: 2000, breakdownBy: 'rep' });
    const card = renderAnswerCard(answer, { question: 'win rate by rep' });
    expect(cardSize(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    const shown = (find(card.content.body, 'Table')?.rows.length ?? 0) - 1;
    expect(shown).toBeGreaterThan(30);
    expect(cardTexts(card)).toContain(`… and ${2000 - shown} more`);
    // As many rows as fit: one more row (≈ 300 bytes) would not.
    expect(cardSize(card)).toBeGreaterThan(TEAMS_CARD_MAX_BYTES - 400);
  });
});
