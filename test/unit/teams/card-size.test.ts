import { describe, expect, it } from 'vitest';
import type { KpiAnswer } from '../../../src/core/answer.ts';
import { cardSize, renderAnswerCard, TEAMS_CARD_MAX_BYTES } from '../../../src/teams/cards/index.ts';
import { kpiAnswer, row } from './answer-factory.ts';
import { cardProblems } from './card-validator.ts';

/** A deterministic generator (mulberry32): the same answers on every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'Alice',
  'Zoé',
  'Éloïse-Marie',
  '🚀',
  '👩‍👩‍👧‍👦',
  '"quoted"',
  '<b>',
  '\\',
  '\u0007',
  'ß',
  '中文',
  '[x](y)',
];
const FORMATS: KpiAnswer['metric']['format'][] = ['number', 'percent', 'currency', 'duration_days', 'score'];
const BY: KpiAnswer['breakdownBy'][] = ['rep', 'team', 'channel', 'stage', 'campaign', 'month', 'day', null];

function generatedAnswer(seed: number): { answer: KpiAnswer; question: string } {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const text = (maxPieces: number) =>
    Array.from({ length: 1 + Math.floor(rnd() * maxPieces) }, () => pick(PIECES)).join(' ');
  const sizes = [0, 1, 5, 99, 100, 101, 500, 2000];
  const total = pick(sizes);
  const shown = Math.min(total, rnd() < 0.5 ? 100 : total);
  const long = rnd() < 0.3;
  const format = pick(FORMATS);
  const answer = kpiAnswer({
    lang: rnd() < 0.5 ? 'en' : 'fr',
    metric: {
      name: 'm',
      label: long ? text(200) : text(3),
      format,
      direction: rnd() < 0.5 ? 'up_is_good' : 'down_is_good',
    },
    scope: {
      rep: rnd() < 0.3 ? text(long ? 100 : 2) : null,
      team: rnd() < 0.3 ? text(2) : null,
      channel: null,
    },
    value: rnd() < 0.1 ? null : rnd() * 1e7,
    comparison:
      rnd() < 0.5
        ? null
        : {
            label: text(long ? 100 : 2),
            period: kpiAnswer().period,
            value: rnd() * 1e6,
            delta: rnd() - 0.5,
            change: rnd() - 0.5,
          },
    target:
      rnd() < 0.5
        ? null
        : { value: 1e6, attainment: rnd(), pace: { expected: 5e5, elapsedShare: 0.5, attainment: rnd() } },
    breakdown: Array.from({ length: shown }, (_, i) =>
      row(
        long ? `${text(60)} ${i}` : `${text(2)} ${i}`,
        rnd() < 0.05 ? null : rnd() * 1e6,
        Math.floor(rnd() * 1e5),
        1e5,
      ),
    ),
    breakdownTotal: total,
    breakdownBy: total > 0 ? (pick(BY) ?? 'rep') : null,
    definition: long ? text(500) : text(10),
    warnings: Array.from({ length: long ? 30 : Math.floor(rnd() * 3) }, () => text(long ? 300 : 10)),
  });
  return { answer, question: text(long ? 120 : 5).slice(0, 500) };
}

describe('answer cards stay within Teams limits', () => {
  it.each(Array.from({ length: 160 }, (_, i) => i + 1))('generated answer #%i', (seed) => {
    const { answer, question } = generatedAnswer(seed);
    for (const shareable of [true, false]) {
      const card = renderAnswerCard(answer, { question, shareable });
      expect(cardSize(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
      expect(cardProblems(card)).toEqual([]);
    }
  });

  it('pathological text (control characters escape to 6 bytes each) falls back to a compact card', () => {
    const bell = '\u0007';
    const answer = kpiAnswer({
      warnings: Array.from({ length: 30 }, () => bell.repeat(2000)),
      definition: bell.repeat(5000),
      breakdown: [row('Alice', 0.5, 1, 2)],
      breakdownTotal: 1,
      breakdownBy: 'rep',
    });
    const card = renderAnswerCard(answer, { question: bell.repeat(500) });
    expect(cardSize(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(cardProblems(card)).toEqual([]);
    expect(card.content.actions).toBeUndefined();
    expect(card.content.body.filter((e) => e.type === 'TextBlock' && e.text.startsWith('⚠'))).toHaveLength(3);
  });

  it('cardSize counts UTF-8 bytes of the JSON sent', () => {
    const card = renderAnswerCard(kpiAnswer({ metric: { ...kpiAnswer().metric, label: '🚀' } }), {
      question: 'q',
    });
    expect(cardSize(card)).toBe(new TextEncoder().encode(JSON.stringify(card)).length);
    expect(cardSize(card)).toBeGreaterThan(JSON.stringify(card).length);
  });
});
