import type { DigestKpi, DigestView } from '../../core/digest/types.ts';
import { context, divider, header, section } from './block-builders.ts';
import { BLOCK_KIT_LIMITS, FALLBACK_TEXT_MAX } from './limits.ts';
import { clampText, escapeMrkdwn } from './mrkdwn.ts';
import { packLines } from './pack-lines.ts';
import type { Block, SlackMessage } from './types.ts';

const INDICATOR = { good: ':large_green_circle:', bad: ':red_circle:', flat: ':white_circle:' } as const;

const CHART_NOTE = {
  en: ':bar_chart: The chart of the last 12 weeks is in the thread.',
  fr: ':bar_chart: Le graphique des 12 dernières semaines est dans le fil.',
} as const;

/**
 * The weekly digest as a Slack message: title and exact week, one section per headline KPI (figure, change vs the
 * previous week coloured by the metric's direction, objective and pace), movers, the leaderboard (or why it is
 * not there), open alerts, and the one-line definitions. All data is escaped; every block is within Slack's limits.
 * The chart is not a block: the outbox uploads it into the message's thread (files.uploadV2, with its alt text).
 */
export function renderDigestMessage(view: DigestView, opts: { chartInThread?: boolean } = {}): SlackMessage {
  const blocks: Block[] = [
    header(view.title),
    context([`:calendar: ${escapeMrkdwn(view.subtitle)}`]),
    ...view.kpis.map((k) => section(kpiText(k))),
  ];
  const extras: Block[] = [];
  if (view.movers) {
    const lines = [
      `*${escapeMrkdwn(view.movers.title)}*`,
      ...view.movers.up.map((m) => `▲ ${escapeMrkdwn(m.text)}`),
      ...view.movers.down.map((m) => `▼ ${escapeMrkdwn(m.text)}`),
    ];
    extras.push(section(lines.join('\n')));
  }
  if (view.leaderboard) {
    const more = view.leaderboard.more > 0 ? [`_… +${view.leaderboard.more}_`] : [];
    extras.push(
      section(
        [
          `:trophy: *${escapeMrkdwn(view.leaderboard.title)}*`,
          ...view.leaderboard.lines.map(escapeMrkdwn),
          ...more,
        ].join('\n'),
      ),
    );
  } else if (view.leaderboardNote) {
    extras.push(context([`:lock: ${escapeMrkdwn(view.leaderboardNote)}`]));
  }
  extras.push(
    section(
      [`:rotating_light: *${escapeMrkdwn(view.alerts.title)}*`, ...view.alerts.lines.map(escapeMrkdwn)].join(
        '\n',
      ),
    ),
  );
  const notes = packLines(view.definitions.map(escapeMrkdwn), BLOCK_KIT_LIMITS.textObject).map((g) =>
    g.join('\n'),
  );
  const tail: Block[] = [];
  if (notes.length > 0)
    tail.push(context([':information_source:', ...notes].slice(0, BLOCK_KIT_LIMITS.contextElements)));
  if (view.chart && opts.chartInThread !== false) tail.push(context([CHART_NOTE[view.lang]]));
  // Room is kept for the tail: KPIs beyond the block budget are cut before the movers and alerts are.
  const room = BLOCK_KIT_LIMITS.messageBlocks - extras.length - tail.length - 1;
  return {
    text: clampText(escapeMrkdwn(view.fallback), FALLBACK_TEXT_MAX),
    blocks: [...blocks.slice(0, room), divider(), ...extras, ...tail],
  };
}

function kpiText(k: DigestKpi): string {
  const lines = [
    `*${escapeMrkdwn(k.label)}*   *${escapeMrkdwn(k.valueText)}*`,
    `${INDICATOR[k.trend ?? 'flat']} ${escapeMrkdwn(k.previousText)}`,
  ];
  if (k.targetText) lines.push(`:dart: ${escapeMrkdwn(k.targetText)}`);
  if (k.paceText) lines.push(`:stopwatch: ${escapeMrkdwn(k.paceText)}`);
  if (k.teamText) lines.push(`:busts_in_silhouette: ${escapeMrkdwn(k.teamText)}`);
  return lines.join('\n');
}
