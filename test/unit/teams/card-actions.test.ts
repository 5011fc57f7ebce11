import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS, parseCardAction } from '../../../src/teams/cards/index.ts';

describe('parseCardAction', () => {
  it.each([
    [
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'rep' },
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'rep' },
    ],
    [
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'team', p: 'previous' },
      { kpiAction: 'kpi_breakdown', q: 'win rate', b: 'team', p: 'previous' },
    ],
    [
      { kpiAction: 'kpi_previous', q: 'leads', p: 'previous' },
      { kpiAction: 'kpi_previous', q: 'leads', p: 'previous' },
    ],
    [
      { kpiAction: 'kpi_suggest', q: 'Win rate' },
      { kpiAction: 'kpi_suggest', q: 'Win rate' },
    ],
    // Extra keys (a client's own msteams envelope) are dropped, not trusted.
    [
      { kpiAction: 'kpi_suggest', q: 'Win rate', msteams: { type: 'messageBack' }, admin: true },
      { kpiAction: 'kpi_suggest', q: 'Win rate' },
    ],
    [
      '{"kpiAction":"kpi_previous","q":"leads","p":"previous"}',
      { kpiAction: 'kpi_previous', q: 'leads', p: 'previous' },
    ],
  ])('accepts %j', (value, expected) => {
    expect(parseCardAction(value)).toEqual(expected);
  });

  it.each([
    undefined,
    null,
    42,
    'not json',
    '[]',
    {},
    { kpiAction: 'kpi_delete', q: 'x' },
    { kpiAction: 'kpi_breakdown', q: 'x' },
    { kpiAction: 'kpi_breakdown', q: 'x', b: 'month' },
    { kpiAction: 'kpi_previous', q: 'x' },
    { kpiAction: 'kpi_previous', q: 'x', p: 'next' },
    { kpiAction: 'kpi_suggest', q: '   ' },
    { kpiAction: 'kpi_suggest', q: 'x'.repeat(501) },
    { kpiAction: 'kpi_suggest', q: 7 },
  ])('refuses %j', (value) => {
    expect(parseCardAction(value)).toBeNull();
  });

  it('names the three actions the bot dispatches on', () => {
    expect(CARD_ACTIONS).toEqual({
      breakdown: 'kpi_breakdown',
      previous: 'kpi_previous',
      suggest: 'kpi_suggest',
    });
  });
});
