import { describe, expect, it } from 'vitest';
import { decodeActionValue, renderAnswerMessage, validateBlockKit } from '../../../src/slack/blocks/index.ts';
import {
  emptyAnswer,
  frenchRevenue,
  funnelByStage,
  makeAnswer,
  monthlySeries,
  row,
  winRateByRep,
} from './answer-factory.ts';
import { buttonsOf, textsOf } from './message-text.ts';

describe('renderAnswerMessage', () => {
  it('win rate by rep with target and pace', () => {
    const m = renderAnswerMessage(winRateByRep, {
      question: 'win rate by rep last week vs target',
      shareable: true,
    });
    expect(validateBlockKit(m)).toEqual([]);
    expect(m.text).toBe('Win rate — last week: 42.1% (▲ +3.1 pts vs previous week)');
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Win rate — last week', emoji: true },
    });
    const text = textsOf(m);
    expect(text).toContain(':calendar: 9 Nov 2026 → 15 Nov 2026 · Europe/Paris');
    expect(text).toContain('*42.1%*   59 / 140');
    expect(text).toContain(':large_green_circle: ▲ +3.1 pts vs previous week (39%)');
    expect(text).toContain(':dart: Target 45% · 94% attained  `▓▓▓▓▓▓▓▓▓░`');
    expect(text).toContain(':red_circle: 45% expected by now · 94% of pace');
    // An aligned table; the rep's name is escaped, never parsed as a Slack link.
    expect(text).toContain(
      [
        '*By rep*',
        '```',
        'Alice Martin           50%  10 / 20',
        'Zoé Lefèvre          42.9%    3 / 7',
        'Bob &lt;Durand&gt; &amp; Fils    25%    2 / 8',
        '```',
      ].join('\n'),
    );
    expect(text).toContain(':information_source: Deals won ÷ deals closed (won + lost), by close date');
    expect(m).toMatchSnapshot();
  });

  it('offers the breakdowns that differ from the current one, the previous period and sharing', () => {
    const m = renderAnswerMessage(winRateByRep, { question: 'win rate by rep last week', shareable: true });
    const buttons = buttonsOf(m);
    expect(buttons.map((b) => [b.text.text, b.action_id])).toEqual([
      ['By team', 'kpi_breakdown:team'],
      ['By channel', 'kpi_breakdown:channel'],
      ['Previous period', 'kpi_previous'],
      ['Share in channel', 'kpi_share'],
    ]);
    expect(buttons.map((b) => decodeActionValue(b.value!))).toEqual([
      { q: 'win rate by rep last week', b: 'team' },
      { q: 'win rate by rep last week', b: 'channel' },
      { q: 'win rate by rep last week', p: 'previous' },
      { q: 'win rate by rep last week' },
    ]);
    expect(buttons.at(-1)?.style).toBe('primary');
  });

  it('a reply everyone sees has no Share button; a scope drops its own breakdown', () => {
    const m = renderAnswerMessage(makeAnswer({ scope: { team: 'Lyon', rep: null, channel: null } }), {
      question: 'win rate team Lyon',
    });
    expect(buttonsOf(m).map((b) => b.action_id)).toEqual([
      'kpi_breakdown:rep',
      'kpi_breakdown:channel',
      'kpi_previous',
    ]);
  });

  it('a follow-up keeps its breakdown and period in the other buttons, and Share repeats it', () => {
    const m = renderAnswerMessage(
      makeAnswer({ breakdownBy: 'team', breakdown: [row('Paris', 0.5)], breakdownTotal: 1 }),
      {
        question: 'win rate',
        shareable: true,
        followUp: { b: 'team', p: 'previous' },
      },
    );
    const values = buttonsOf(m).map((b) => [b.action_id, decodeActionValue(b.value!)]);
    expect(values).toEqual([
      ['kpi_breakdown:rep', { q: 'win rate', b: 'rep', p: 'previous' }],
      ['kpi_breakdown:channel', { q: 'win rate', b: 'channel', p: 'previous' }],
      ['kpi_share', { q: 'win rate', b: 'team', p: 'previous' }],
    ]);
  });

  it('French revenue with currency, a to-date range and a target behind its pace', () => {
    const m = renderAnswerMessage(frenchRevenue, {
      question: 'CA signé équipe Paris ce mois-ci',
      shareable: true,
    });
    expect(validateBlockKit(m)).toEqual([]);
    const text = textsOf(m);
    expect(m.blocks[0]).toMatchObject({ text: { text: 'CA signé — Paris — ce mois-ci' } });
    expect(m.text.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'CA signé — Paris — ce mois-ci : 123 457 € (▼ -11,8 % vs mois précédent à date)',
    );
    expect(text).toContain(':calendar: 1 nov. 2026 00:00 → 18 nov. 2026 14:30 · Europe/Paris');
    expect(text).toContain('*123 457 €*');
    // Revenue went down: a red circle and a down arrow, the change relative.
    expect(text).toContain(':red_circle: ▼ -11,8 % vs mois précédent à date (140 000 €)');
    expect(text).toContain(':dart: Objectif 250 000 € · 49 % atteint  `▓▓▓▓▓░░░░░`');
    expect(text).toContain(':red_circle: 141 667 € attendu à date · 87 % du rythme');
    expect(text).toContain('*Par commercial*');
    expect(text).toContain('Alice Martin  80 000 €');
    expect(buttonsOf(m).map((b) => b.text.text)).toEqual([
      'Par canal',
      'Période précédente',
      'Partager dans le canal',
    ]);
    expect(m).toMatchSnapshot();
  });

  it('no data: a dash, a "no data" line for the comparison and the warning', () => {
    const m = renderAnswerMessage(emptyAnswer, { question: 'win rate last week' });
    expect(validateBlockKit(m)).toEqual([]);
    const text = textsOf(m);
    expect(text).toContain('*—*   0 / 0   _No data for this period._');
    expect(text).toContain(':white_circle: vs previous week: no data');
    expect(text).toContain(':warning: No closed deals in this period: the win rate is undefined.');
    expect(m.text).toBe('Win rate — last week: —');
    expect(m).toMatchSnapshot();
  });

  it('a time series by month', () => {
    const m = renderAnswerMessage(monthlySeries, { question: 'leads by month this year' });
    expect(validateBlockKit(m)).toEqual([]);
    const text = textsOf(m);
    expect(text).toContain(':calendar: 1 Jan 2026 → 31 Dec 2026 · Europe/Paris');
    expect(text).toContain(
      '*By month*\n```\nJan 2026  100\nFeb 2026  107\nMar 2026  114\nApr 2026  121\n```',
    );
    expect(text).not.toContain('vs ');
    expect(buttonsOf(m).map((b) => b.action_id)).toEqual([
      'kpi_breakdown:rep',
      'kpi_breakdown:team',
      'kpi_breakdown:channel',
      'kpi_previous',
    ]);
    expect(m).toMatchSnapshot();
  });

  it('a funnel by stage with each step’s parts', () => {
    const m = renderAnswerMessage(funnelByStage, { question: 'conversion by stage' });
    expect(validateBlockKit(m)).toEqual([]);
    expect(textsOf(m)).toContain(
      [
        '*By stage*',
        '```',
        'Lead → qualified       60%  300 / 500',
        'Qualified → meeting    40%  120 / 300',
        'Meeting → proposal     50%   60 / 120',
        'Proposal → won       68.3%    41 / 60',
        '```',
      ].join('\n'),
    );
    expect(m).toMatchSnapshot();
  });

  it('cuts a long breakdown with a note in the answer’s language, counting rows the answer already cut', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(`Rep ${i + 1}`, 1000 - i));
    const en = renderAnswerMessage(
      makeAnswer({
        metric: { name: 'leads', label: 'Leads', format: 'number', direction: 'up_is_good' },
        breakdown: rows,
        breakdownTotal: 112,
        breakdownBy: 'rep',
      }),
      { question: 'leads by rep' },
    );
    const text = textsOf(en);
    expect(text).toContain('Rep 40 ');
    expect(text).not.toContain('Rep 41 ');
    expect(text).toContain(
      '… and 72 more (112 in all). Narrow the question to a team or a channel to see them.',
    );
    const fr = renderAnswerMessage(
      makeAnswer({ breakdown: rows, breakdownTotal: 100, breakdownBy: 'team', lang: 'fr' }),
      {
        question: 'leads par équipe',
      },
    );
    expect(textsOf(fr)).toContain('… et 60 de plus (100 au total).');
  });

  it('a long time series keeps its latest periods', () => {
    const days = Array.from({ length: 60 }, (_, i) => row(`Day ${i + 1}`, i));
    const m = renderAnswerMessage(makeAnswer({ breakdown: days, breakdownTotal: 60, breakdownBy: 'day' }), {
      question: 'win rate by day',
    });
    const text = textsOf(m);
    expect(text).not.toContain('Day 20 ');
    expect(text).toContain('Day 21 ');
    expect(text).toContain('Day 60 ');
    expect(text).toContain('… 20 earlier periods not shown.');
  });

  it('escapes the question echoed under the title and in the fallback', () => {
    const m = renderAnswerMessage(
      makeAnswer({ metric: { name: 'x', label: 'R&D <leads>', format: 'number', direction: 'up_is_good' } }),
      {
        question: 'R&D <!channel> leads',
      },
    );
    expect(textsOf(m)).toContain(':speech_balloon: _R&amp;D &lt;!channel&gt; leads_');
    expect(m.text.startsWith('R&amp;D &lt;leads&gt; — last week')).toBe(true);
    expect(m.blocks[0]).toMatchObject({ text: { type: 'plain_text', text: 'R&D <leads> — last week' } });
  });
});
