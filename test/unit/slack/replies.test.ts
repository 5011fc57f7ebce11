import { describe, expect, it } from 'vitest';
import type { InfoReply } from '../../../src/app/ask.ts';
import {
  decodeActionValue,
  renderComingSoon,
  renderErrorMessage,
  renderInfoMessage,
  validateBlockKit,
} from '../../../src/slack/blocks/index.ts';
import { buttonsOf, textsOf } from './message-text.ts';

describe('renderInfoMessage', () => {
  it('help: a header and the lines as written', () => {
    const info: InfoReply = {
      kind: 'info',
      lang: 'en',
      title: 'kpibot — your sales & marketing KPIs',
      lines: ['Ask a question: `/kpi conversion last week`', '`/kpi list`: every metric · `/kpi whoami`'],
    };
    const m = renderInfoMessage(info);
    expect(validateBlockKit(m)).toEqual([]);
    expect(m.text).toBe('kpibot — your sales &amp; marketing KPIs');
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'kpibot — your sales & marketing KPIs', emoji: true },
    });
    expect(m.blocks).toHaveLength(2);
    expect(m).toMatchSnapshot();
  });

  it('whoami and map: user data escaped, mentions kept', () => {
    const m = renderInfoMessage({
      kind: 'info',
      lang: 'fr',
      title: 'Association enregistrée',
      lines: ['<@U0123ABC> est maintenant Bob <Durand> & Fils.'],
    });
    expect(textsOf(m)).toContain('<@U0123ABC> est maintenant Bob &lt;Durand&gt; &amp; Fils.');
  });

  it('a long list spreads over several sections, in order, each within 3000 characters', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `*Metric ${i}* — ${'definition '.repeat(12)}`);
    const m = renderInfoMessage({ kind: 'info', lang: 'en', title: '60 metrics available', lines });
    const sections = m.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.map((s) => s.text!.text).join('\n')).toBe(lines.join('\n'));
  });
});

describe('renderErrorMessage', () => {
  it('an unknown metric: the message, "did you mean" buttons that ask the suggestion, where to look', () => {
    const m = renderErrorMessage({
      message: 'I don’t know the metric “convrsion <x>”.',
      suggestions: ['Conversion rate', 'Lead conversion (cohort)'],
      lang: 'en',
      code: 'unknown_metric',
    });
    expect(validateBlockKit(m)).toEqual([]);
    expect(textsOf(m)).toBe(
      [
        ':thinking_face: I don’t know the metric “convrsion &lt;x&gt;”.',
        'Did you mean:',
        '[Conversion rate]',
        '[Lead conversion (cohort)]',
        '`/kpi list` shows every metric · `/kpi help` shows examples',
      ].join('\n'),
    );
    expect(buttonsOf(m).map((b) => [b.action_id, decodeActionValue(b.value!)])).toEqual([
      ['kpi_suggest:0', { q: 'Conversion rate' }],
      ['kpi_suggest:1', { q: 'Lead conversion (cohort)' }],
    ]);
    expect(m).toMatchSnapshot();
  });

  it('in French, without suggestions', () => {
    const m = renderErrorMessage({
      message: 'Question trop longue.',
      suggestions: [],
      lang: 'fr',
      code: 'too_long',
    });
    expect(textsOf(m)).toBe(':thinking_face: Question trop longue.\n`/kpi aide` donne des exemples');
    expect(buttonsOf(m)).toEqual([]);
  });

  it('an internal error: no hint, a warning sign', () => {
    const m = renderErrorMessage({
      message: 'Something went wrong.',
      suggestions: [],
      lang: 'en',
      code: 'internal_error',
    });
    expect(m.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: Something went wrong.' } },
    ]);
    expect(m.text).toBe('Something went wrong.');
  });
});

describe('renderComingSoon', () => {
  it.each([
    [
      'alerts',
      'en',
      ':construction: “alerts” is coming in a later kpibot release.\n`/kpi help` shows examples',
    ],
    [
      'digest',
      'fr',
      ':construction: « digest » arrive dans une prochaine version de kpibot.\n`/kpi aide` donne des exemples',
    ],
  ] as const)('%s in %s', (command, lang, expected) => {
    const m = renderComingSoon(command, lang);
    expect(validateBlockKit(m)).toEqual([]);
    expect(textsOf(m)).toBe(expected);
  });
});
