import { describe, expect, it } from 'vitest';
import type { InfoReply } from '../../../src/app/ask.ts';
import type { KpiAnswer, MetricFormat } from '../../../src/core/answer.ts';
import {
  BLOCK_KIT_LIMITS,
  decodeActionValue,
  FALLBACK_TEXT_MAX,
  renderAnswerMessage,
  renderComingSoon,
  renderErrorMessage,
  renderHomeView,
  renderInfoMessage,
  validateBlockKit,
} from '../../../src/slack/blocks/index.ts';
import { makeAnswer, row } from './answer-factory.ts';
import { buttonsOf } from './message-text.ts';

const button = (over: Record<string, unknown> = {}) => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Go' },
  action_id: 'go',
  value: 'v',
  ...over,
});
const message = (...blocks: unknown[]) => ({ text: 'fallback', blocks });

describe('validateBlockKit catches every limit it knows', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each<[string, { blocks: unknown[]; text?: unknown; type?: string }, string]>([
    ['51 blocks in a message', message(...Array.from({ length: 51 }, () => ({ type: 'divider' }))), 'blocks'],
    [
      '101 blocks in a view',
      { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      'blocks',
    ],
    ['no fallback text', { blocks: [{ type: 'divider' }] }, 'text'],
    ['a fallback over 40,000', { text: long(40_001), blocks: [] }, 'text'],
    [
      'section text over 3000',
      message({ type: 'section', text: { type: 'mrkdwn', text: long(3001) } }),
      'blocks[0].text.text',
    ],
    [
      'empty section text',
      message({ type: 'section', text: { type: 'mrkdwn', text: '' } }),
      'blocks[0].text.text',
    ],
    ['a section with neither text nor fields', message({ type: 'section' }), 'blocks[0]'],
    [
      '11 fields',
      message({ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }),
      'blocks[0].fields',
    ],
    [
      'a field over 2000',
      message({ type: 'section', fields: [{ type: 'mrkdwn', text: long(2001) }] }),
      'blocks[0].fields[0].text',
    ],
    [
      'header over 150',
      message({ type: 'header', text: { type: 'plain_text', text: long(151) } }),
      'blocks[0].text.text',
    ],
    [
      'mrkdwn header',
      message({ type: 'header', text: { type: 'mrkdwn', text: 'x' } }),
      'blocks[0].text.type',
    ],
    [
      '11 context elements',
      message({
        type: 'context',
        elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })),
      }),
      'blocks[0].elements',
    ],
    [
      'a context element over 3000',
      message({ type: 'context', elements: [{ type: 'mrkdwn', text: long(3001) }] }),
      'blocks[0].elements[0].text',
    ],
    [
      '26 buttons',
      message({
        type: 'actions',
        elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })),
      }),
      'blocks[0].elements',
    ],
    [
      'button text over 75',
      message({ type: 'actions', elements: [button({ text: { type: 'plain_text', text: long(76) } })] }),
      'blocks[0].elements[0].text.text',
    ],
    [
      'button value over 2000',
      message({ type: 'actions', elements: [button({ value: long(2001) })] }),
      'blocks[0].elements[0].value',
    ],
    [
      'action_id over 255',
      message({ type: 'actions', elements: [button({ action_id: long(256) })] }),
      'blocks[0].elements[0].action_id',
    ],
    [
      'duplicate action_ids in a block',
      message({ type: 'actions', elements: [button(), button()] }),
      'blocks[0].elements[1].action_id',
    ],
    [
      'an unknown button style',
      message({ type: 'actions', elements: [button({ style: 'green' })] }),
      'blocks[0].elements[0].style',
    ],
    ['block_id over 255', message({ type: 'divider', block_id: long(256) }), 'blocks[0].block_id'],
    [
      'duplicate block_ids',
      message({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }),
      'blocks[1].block_id',
    ],
  ])('%s', (_name, surface, path) => {
    expect(validateBlockKit(surface).map((v) => v.path)).toContain(path);
  });

  it('accepts what Slack accepts, at the limits exactly', () => {
    const atLimits = {
      text: long(40_000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: long(150) } },
        { type: 'section', text: { type: 'mrkdwn', text: long(3000) } },
        { type: 'section', fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: long(2000) })) },
        {
          type: 'context',
          elements: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: long(3000) })),
        },
        {
          type: 'actions',
          elements: Array.from({ length: 25 }, (_, i) =>
            button({
              text: { type: 'plain_text', text: long(75) },
              value: long(2000),
              action_id: `${i}`.padEnd(255, 'x'),
            }),
          ),
        },
        ...Array.from({ length: 45 }, () => ({ type: 'divider' })),
      ],
    };
    expect(atLimits.blocks).toHaveLength(50);
    expect(validateBlockKit(atLimits)).toEqual([]);
  });
});

const FORMATS: MetricFormat[] = ['percent', 'currency', 'number', 'duration_days'];
const FLAVOURS = {
  plain: (n: number) => 'Alice Martin '.repeat(Math.ceil(n / 13)).slice(0, n),
  emoji: (n: number) => '📈🇫🇷 é'.repeat(Math.ceil(n / 6)).slice(0, n),
  markup: (n: number) => '<@U123> & <b>"x"</b>\\ `'.repeat(Math.ceil(n / 22)).slice(0, n),
};

function generatedAnswer(
  rows: number,
  labelLength: number,
  flavour: keyof typeof FLAVOURS,
  lang: 'en' | 'fr',
  format: MetricFormat,
): KpiAnswer {
  const label = FLAVOURS[flavour](labelLength);
  const huge = 9.87654321e15;
  return makeAnswer({
    metric: {
      name: 'm',
      label,
      format,
      direction: rows % 2 ? 'down_is_good' : 'up_is_good',
      currency: 'EUR',
    },
    period: {
      start: '2026-11-01T00:00:00+01:00',
      end: '2026-11-18T09:15:00+01:00',
      label,
      tz: 'Europe/Paris',
    },
    scope: { team: label, rep: rows > 1 ? label : null, channel: null },
    value: format === 'percent' ? 0.5 : huge,
    numerator: huge,
    denominator: huge * 3,
    comparison: {
      label,
      period: {
        start: '2026-10-01T00:00:00+02:00',
        end: '2026-10-18T09:15:00+02:00',
        label,
        tz: 'Europe/Paris',
      },
      value: -huge,
      delta: 2 * huge,
      change: -2,
    },
    target: { value: huge, attainment: 12.5, pace: { expected: huge, elapsedShare: 0.5, attainment: 0.01 } },
    breakdown: Array.from({ length: rows }, (_, i) =>
      row(`${label}${i}`, i % 7 === 0 ? null : huge - i, huge, i),
    ),
    breakdownTotal: rows * 2,
    breakdownBy: rows === 50 ? 'day' : 'rep',
    definition: label,
    warnings: Array.from({ length: rows > 10 ? 15 : rows }, () => label),
    lang,
  });
}

describe('no rendered message breaks a Block Kit limit', () => {
  const cases: Array<[number, number, keyof typeof FLAVOURS, 'en' | 'fr', MetricFormat]> = [];
  for (const rows of [0, 1, 50, 500])
    for (const labelLength of [1, 80, 3000])
      for (const flavour of Object.keys(FLAVOURS) as Array<keyof typeof FLAVOURS>)
        for (const lang of ['en', 'fr'] as const)
          for (const format of FORMATS) cases.push([rows, labelLength, flavour, lang, format]);

  it(`answers (${cases.length} generated)`, () => {
    for (const [rows, labelLength, flavour, lang, format] of cases) {
      const answer = generatedAnswer(rows, labelLength, flavour, lang, format);
      const question = FLAVOURS[flavour](labelLength * 2);
      for (const shareable of [false, true]) {
        const m = renderAnswerMessage(answer, { question, shareable, followUp: { b: 'team' } });
        const where = `${rows} rows, label ${labelLength} ${flavour}, ${lang}, ${format}`;
        expect(validateBlockKit(m), where).toEqual([]);
        expect(m.text.length, where).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
        for (const b of buttonsOf(m)) expect(decodeActionValue(b.value!), where).not.toBeNull();
        // The clamps are a safety net: a table is split between sections, never cut inside its code block.
        for (const b of m.blocks) {
          if (b.type === 'section' && b.text) expect(b.text.text.split('```').length % 2, where).toBe(1);
        }
      }
    }
  });

  it('user data never reaches mrkdwn unescaped', () => {
    const m = renderAnswerMessage(generatedAnswer(3, 80, 'markup', 'en', 'percent'), {
      question: '<!channel> & co',
    });
    const mrkdwn = JSON.stringify(m.blocks.filter((b) => b.type !== 'header' && b.type !== 'actions'));
    expect(mrkdwn).not.toMatch(/<@U123>|<b>|<!channel>/);
    expect(mrkdwn).toContain('&lt;@U123&gt; &amp; &lt;b&gt;');
  });

  it('info replies: a list of 60 metrics, thousands of lines, lines of 5000 characters', () => {
    const metricLine = (i: number) =>
      `*Metric number ${i} <x>* (alias ${i}, alias & co) — ${'A long definition of what is counted. '.repeat(3)}`;
    const infos: InfoReply[] = [
      {
        kind: 'info',
        lang: 'en',
        title: '60 metrics available',
        lines: Array.from({ length: 60 }, (_, i) => metricLine(i)),
      },
      {
        kind: 'info',
        lang: 'fr',
        title: 'x'.repeat(500),
        lines: Array.from({ length: 3000 }, (_, i) => metricLine(i)),
      },
      {
        kind: 'info',
        lang: 'en',
        title: 'Long lines',
        lines: Array.from({ length: 40 }, () => '&'.repeat(5000)),
      },
      { kind: 'info', lang: 'en', title: 'Empty', lines: [] },
    ];
    for (const info of infos) expect(validateBlockKit(renderInfoMessage(info)), info.title).toEqual([]);
    const list = renderInfoMessage(infos[0]!);
    const joined = list.blocks.map((b) => (b.type === 'section' ? b.text?.text : '')).join('\n');
    for (let i = 0; i < 60; i++) expect(joined).toContain(`*Metric number ${i} &lt;x&gt;*`);
    const huge = renderInfoMessage(infos[1]!);
    expect(huge.blocks).toHaveLength(BLOCK_KIT_LIMITS.messageBlocks);
    expect(JSON.stringify(huge.blocks.at(-1))).toMatch(/… et \d+ lignes de plus\./);
  });

  it('errors: long messages, many and long suggestions', () => {
    for (const n of [0, 1, 3, 30]) {
      const m = renderErrorMessage({
        message: '<oops> & '.repeat(2000),
        suggestions: Array.from({ length: n }, (_, i) => `${i} ${'suggestion '.repeat(n)}`),
        lang: n % 2 ? 'fr' : 'en',
        code: 'unknown_metric',
      });
      expect(validateBlockKit(m), `${n} suggestions`).toEqual([]);
      expect(m.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
    }
    expect(validateBlockKit(renderComingSoon('x'.repeat(5000), 'fr'))).toEqual([]);
  });

  it('the App Home with many figures, alerts and subscriptions', () => {
    const figures = cases
      .slice(0, 60)
      .map(([rows, labelLength, flavour, lang, format]) =>
        generatedAnswer(rows, labelLength, flavour, lang, format),
      );
    const lines = Array.from({ length: 500 }, (_, i) => ({
      text: `<@U1> alert ${i} & ${'x'.repeat(i * 10)}`,
    }));
    for (const lang of ['en', 'fr'] as const) {
      const view = renderHomeView({
        lang,
        user: { name: 'A'.repeat(3000), role: 'manager', team: '<Lyon & Co>' },
        myFigures: figures,
        teamFigures: figures,
        alerts: lines,
        subscriptions: lines,
      });
      expect(validateBlockKit(view), lang).toEqual([]);
    }
  });
});
