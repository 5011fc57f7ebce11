import { describe, expect, it } from 'vitest';
import {
  ACTION_ID_PATTERNS,
  ACTIONS,
  type ActionValue,
  actionId,
  actionKindOf,
  decodeActionValue,
  encodeActionValue,
  MAX_QUESTION_IN_VALUE,
} from '../../../src/slack/blocks/index.ts';

describe('action values', () => {
  it.each<ActionValue>([
    { q: 'win rate last week' },
    { q: 'CA signé ce mois-ci', b: 'rep' },
    { q: 'leads', b: 'campaign', p: 'previous' },
    { q: 'taux de conversion « T3 » 📈', p: 'previous' },
  ])('round-trips %j', (v) => {
    expect(decodeActionValue(encodeActionValue(v))).toEqual(v);
  });

  it.each([
    ['a long question', 'conversion '.repeat(400)],
    ['quotes and backslashes that double in JSON', '"\\'.repeat(1200)],
    ['control characters that grow sixfold', '\u0001'.repeat(1500)],
    ['emoji across the cut', `${'x'.repeat(MAX_QUESTION_IN_VALUE - 1)}📈📈`],
  ])('%s: fits 2000 characters and keeps a prefix of the question', (_name, q) => {
    const encoded = encodeActionValue({ q, b: 'team', p: 'previous' });
    expect(encoded.length).toBeLessThanOrEqual(2000);
    const decoded = decodeActionValue(encoded);
    expect(decoded).not.toBeNull();
    expect(decoded!.q.length).toBeGreaterThan(0);
    expect(decoded!.q.length).toBeLessThanOrEqual(MAX_QUESTION_IN_VALUE);
    expect(q.startsWith(decoded!.q)).toBe(true);
    expect(decoded!.q).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(decoded).toMatchObject({ b: 'team', p: 'previous' });
  });

  it.each([
    ['not JSON', 'win rate'],
    ['an array', '["q"]'],
    ['no question', '{"b":"rep"}'],
    ['an empty question', '{"q":""}'],
    ['an unknown breakdown', '{"q":"x","b":"planet"}'],
    ['a time grain', '{"q":"x","b":"month"}'],
    ['an unknown period', '{"q":"x","p":"next"}'],
    ['too long', JSON.stringify({ q: 'x'.repeat(2100) })],
  ])('rejects %s', (_name, s) => {
    expect(decodeActionValue(s)).toBeNull();
  });

  it('drops unknown keys', () => {
    expect(decodeActionValue('{"q":"x","admin":true}')).toEqual({ q: 'x' });
  });
});

describe('action ids', () => {
  it.each([
    ['kpi_breakdown', 'breakdown'],
    ['kpi_breakdown:team', 'breakdown'],
    ['kpi_previous', 'previous'],
    ['kpi_share', 'share'],
    ['kpi_suggest:2', 'suggest'],
    ['kpi_sharex', null],
    ['xkpi_share', null],
    ['alert_ack', null],
  ])('%s is %s', (id, kind) => {
    expect(actionKindOf(id)).toBe(kind);
  });

  it('each kind pattern matches its own ids only', () => {
    for (const kind of Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>) {
      expect(ACTION_ID_PATTERNS[kind].test(actionId(kind))).toBe(true);
      expect(ACTION_ID_PATTERNS[kind].test(actionId(kind, 'x'))).toBe(true);
      const others = (Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>).filter((k) => k !== kind);
      for (const other of others) expect(ACTION_ID_PATTERNS[kind].test(actionId(other, 'x'))).toBe(false);
    }
  });
});
