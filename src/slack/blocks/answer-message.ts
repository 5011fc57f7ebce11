import type { KpiAnswer } from '../../core/answer.ts';
import { formatDelta } from '../../core/format.ts';
import { answerActions, type FollowUp } from './answer-actions.ts';
import { context, header, section } from './block-builders.ts';
import { breakdownBlocks } from './breakdown-table.ts';
import { describeRange } from './describe-range.ts';
import { comparisonLine, formatFigure, headlineLine, targetLines } from './figure-lines.ts';
import { BLOCK_KIT_LIMITS, FALLBACK_TEXT_MAX } from './limits.ts';
import { clampText, escapeMrkdwn } from './mrkdwn.ts';
import type { Block, SlackMessage } from './types.ts';

export interface AnswerMessageOptions {
  /** The question as asked: echoed under the title (slash commands are invisible to others) and kept in buttons. */
  question: string;
  /** A private reply: offer "Share in channel". */
  shareable?: boolean;
  /** Set when the answer comes from a button (another breakdown, the previous period). */
  followUp?: FollowUp;
}

const QUESTION_ECHO_MAX = 200;
const MAX_WARNINGS_SHOWN = BLOCK_KIT_LIMITS.contextElements - 1;

/**
 * An answer as a Slack message: title, exact range and zone, the figure with its comparison and target, the
 * breakdown table, the definition and warnings, and follow-up buttons — in the answer's language.
 */
export function renderAnswerMessage(answer: KpiAnswer, opts: AnswerMessageOptions): SlackMessage {
  const a = answer;
  const blocks: Block[] = [
    header(title(a)),
    context([`:calendar: ${escapeMrkdwn(describeRange(a.period, a.lang))}`, ...questionEcho(opts.question)]),
    section(
      [headlineLine(a), comparisonLine(a), ...targetLines(a)]
        .filter((l): l is string => l !== null)
        .join('\n'),
    ),
    ...breakdownBlocks(a),
    context(notes(a)),
  ];
  const buttons = answerActions(a, {
    question: opts.question,
    shareable: opts.shareable ?? false,
    ...(opts.followUp ? { followUp: opts.followUp } : {}),
  });
  if (buttons) blocks.push(buttons);
  return { text: fallbackText(a), blocks };
}

function questionEcho(question: string): string[] {
  const q = oneLine(question);
  return q ? [`:speech_balloon: _${escapeMrkdwn(clampText(q, QUESTION_ECHO_MAX))}_`] : [];
}

function title(a: KpiAnswer): string {
  const scope = [a.scope.rep, a.scope.team, a.scope.channel].filter(Boolean).join(' · ');
  return `${a.metric.label}${scope ? ` — ${scope}` : ''} — ${a.period.label}`;
}

/** The definition, then the warnings; past the context block's ten elements the last ones share one. */
function notes(a: KpiAnswer): string[] {
  const warnings = a.warnings.map((w) => `:warning: ${escapeMrkdwn(w)}`);
  const shown =
    warnings.length > MAX_WARNINGS_SHOWN
      ? [...warnings.slice(0, MAX_WARNINGS_SHOWN - 1), warnings.slice(MAX_WARNINGS_SHOWN - 1).join('\n')]
      : warnings;
  return [`:information_source: ${escapeMrkdwn(a.definition)}`, ...shown];
}

/** The push notification: "Win rate — last week: 42.1% (▲ +3.1 pts vs previous week)". */
function fallbackText(a: KpiAnswer): string {
  const c = a.comparison;
  const change =
    c && c.value !== null && c.delta !== null
      ? ` (${c.delta > 0 ? '▲ ' : c.delta < 0 ? '▼ ' : ''}${formatDelta(c.delta, c.change, a.metric.format, a.lang)} vs ${c.label})`
      : '';
  // French typography puts a space before the colon.
  const colon = a.lang === 'fr' ? ' :' : ':';
  return clampText(
    escapeMrkdwn(oneLine(`${title(a)}${colon} ${formatFigure(a, a.value)}${change}`)),
    FALLBACK_TEXT_MAX,
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
