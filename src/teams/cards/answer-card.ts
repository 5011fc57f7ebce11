import { type KpiAnswer, trend } from '../../core/answer.ts';
import { formatDelta, formatShare, formatValue } from '../../core/format.ts';
import {
  type CardElement,
  cardSize,
  type SubmitAction,
  type TableRow,
  TEAMS_CARD_MAX_BYTES,
  type TeamsCard,
  type TextColor,
  teamsCard,
} from './adaptive-card.ts';
import { breakdownRows, breakdownSection } from './breakdown-table.ts';
import { CARD_ACTIONS, type CardBreakdown, submitAction } from './card-actions.ts';
import { byLabel, LABELS } from './card-labels.ts';
import { chatMarkdown, plainText, truncate } from './card-text.ts';
import { describeRange } from './describe-range.ts';
import { formatParts, isRatio } from './figures.ts';

export interface AnswerCardOptions {
  /** The question as asked: the buttons ask it again with their override. */
  question: string;
  /** Whether the whole conversation may see the card (default true); false adds a "sent to you only" note. */
  shareable?: boolean;
  /** The overrides this answer was computed with (it came from a button): its own buttons keep them. */
  applied?: { b?: CardBreakdown; p?: 'previous' };
}

const BUTTON_BREAKDOWNS: readonly CardBreakdown[] = ['rep', 'team', 'channel'];
const MAX_TITLE_PART = 200;
const MAX_DEFINITION = 1000;
const MAX_WARNINGS = 10;
const MAX_WARNING = 600;
/** A table row's JSON is over 100 bytes even when empty: more rows than this never fit, so never render them. */
const ROWS_THAT_COULD_FIT = Math.floor(TEAMS_CARD_MAX_BYTES / 100);

/**
 * A KPI answer as an Adaptive Card, with the content of the Slack answer (DESIGN §7): the figure, its exact range and
 * zone, the comparison judged by the metric's direction, the objective and its pace, the breakdown, the definition
 * and warnings, and follow-up buttons. Always within TEAMS_CARD_MAX_BYTES: a long breakdown is cut with a note.
 */
export function renderAnswerCard(answer: KpiAnswer, opts: AnswerCardOptions): TeamsCard {
  const rows = breakdownRows(answer, ROWS_THAT_COULD_FIT);
  const render = (shown: number, compact = false) => build(answer, opts, rows, shown, compact);
  const full = render(rows.length);
  if (cardSize(full) <= TEAMS_CARD_MAX_BYTES) return full;
  if (cardSize(render(0)) > TEAMS_CARD_MAX_BYTES) return render(0, true);
  let fits = 0;
  let tooMany = rows.length;
  while (tooMany - fits > 1) {
    const middle = Math.floor((fits + tooMany) / 2);
    if (cardSize(render(middle)) <= TEAMS_CARD_MAX_BYTES) fits = middle;
    else tooMany = middle;
  }
  return render(fits);
}

/** `compact` is the last resort for pathological text (huge warnings, questions full of escapes): no extras. */
function build(
  answer: KpiAnswer,
  opts: AnswerCardOptions,
  rows: TableRow[],
  shownRows: number,
  compact: boolean,
): TeamsCard {
  const lang = answer.lang;
  const body: CardElement[] = [];
  if (opts.shareable === false) {
    body.push({ type: 'TextBlock', text: LABELS.privately[lang], size: 'Small', isSubtle: true, wrap: true });
  }
  const title = titleOf(answer);
  body.push(
    { type: 'TextBlock', text: title, size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: describeRange(answer.period, lang),
      size: 'Small',
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
    headline(answer),
  );
  const comparison = comparisonLine(answer);
  if (comparison) body.push(comparison);
  const target = targetFacts(answer);
  if (target) body.push(target);
  body.push(...breakdownSection(answer, rows, shownRows));
  const warnings = answer.warnings.slice(0, compact ? 3 : MAX_WARNINGS);
  if (!compact && answer.definition) {
    body.push(smallPrint(truncate(plainText(answer.definition), MAX_DEFINITION), true));
  }
  warnings.forEach((w, i) => {
    body.push(smallPrint(`⚠ ${truncate(chatMarkdown(w), compact ? 200 : MAX_WARNING)}`, i === 0 && compact));
  });
  const fallback = `${title}: ${formatValue(answer.value, answer.metric.format, lang, answer.metric.currency)}`;
  return teamsCard(lang, fallback, body, compact ? [] : followUps(answer, opts));
}

function titleOf(a: KpiAnswer): string {
  const scope = [a.scope.rep, a.scope.team, a.scope.channel].filter((s): s is string => Boolean(s));
  return [a.metric.label, ...scope, a.period.label]
    .map((part) => truncate(plainText(part), MAX_TITLE_PART))
    .join(' — ');
}

function headline(a: KpiAnswer): CardElement {
  const figure = formatValue(a.value, a.metric.format, a.lang, a.metric.currency);
  const value = {
    type: 'TextBlock' as const,
    text: figure,
    size: 'ExtraLarge' as const,
    weight: 'Bolder' as const,
  };
  const parts = isRatio(a.metric.format) ? formatParts(a.numerator, a.denominator, a.lang) : null;
  if (!parts) return { ...value, spacing: 'Small' };
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'auto', items: [value] },
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Bottom',
        items: [{ type: 'TextBlock', text: `(${parts})`, isSubtle: true }],
      },
    ],
  };
}

function comparisonLine(a: KpiAnswer): CardElement | null {
  const c = a.comparison;
  if (!c) return null;
  const lang = a.lang;
  const label = truncate(plainText(c.label), MAX_TITLE_PART);
  if (c.value === null) {
    return { type: 'TextBlock', text: `vs ${label}: ${LABELS.noData[lang]}`, isSubtle: true, wrap: true };
  }
  const judged = trend(a);
  const delta = c.delta ?? 0;
  const arrow = judged === null ? '' : delta > 0 ? '▲ ' : delta < 0 ? '▼ ' : '= ';
  const verdict =
    judged === 'good' ? LABELS.better[lang] : judged === 'bad' ? LABELS.worse[lang] : LABELS.unchanged[lang];
  const color: TextColor = judged === 'good' ? 'Good' : judged === 'bad' ? 'Attention' : 'Default';
  const was = formatValue(c.value, a.metric.format, lang, a.metric.currency);
  const change = formatDelta(c.delta, c.change, a.metric.format, lang);
  return {
    type: 'TextBlock',
    text: `${arrow}${change} vs ${label} (${was})${judged === null ? '' : ` — ${verdict}`}`,
    color,
    wrap: true,
    spacing: 'Small',
  };
}

function targetFacts(a: KpiAnswer): CardElement | null {
  const t = a.target;
  if (!t) return null;
  const lang = a.lang;
  const fmt = (v: number) => formatValue(v, a.metric.format, lang, a.metric.currency);
  const facts = [
    {
      title: LABELS.target[lang],
      value: `${fmt(t.value)} — ${formatShare(t.attainment, lang)} ${LABELS.attained[lang]}`,
    },
  ];
  if (t.pace) {
    facts.push({
      title: LABELS.expectedByNow[lang],
      value: `${fmt(t.pace.expected)} (${formatShare(t.pace.attainment, lang)})`,
    });
  }
  return { type: 'FactSet', facts, spacing: 'Small' };
}

function smallPrint(text: string, separator: boolean): CardElement {
  return { type: 'TextBlock', text, size: 'Small', isSubtle: true, wrap: true, spacing: 'Small', separator };
}

function followUps(a: KpiAnswer, opts: AnswerCardOptions): SubmitAction[] {
  const q = opts.question;
  const applied = opts.applied ?? {};
  const actions = BUTTON_BREAKDOWNS.filter((b) => b !== a.breakdownBy && !(b === 'rep' && a.scope.rep)).map(
    (b) =>
      submitAction(byLabel(b, a.lang), {
        kpiAction: CARD_ACTIONS.breakdown,
        q,
        b,
        ...(applied.p ? { p: applied.p } : {}),
      }),
  );
  // Overrides say "previous" once: the previous period of an answer already about it cannot be asked for.
  if (applied.p !== 'previous') {
    actions.push(
      submitAction(LABELS.previousPeriod[a.lang], {
        kpiAction: CARD_ACTIONS.previous,
        q,
        p: 'previous',
        ...(applied.b ? { b: applied.b } : {}),
      }),
    );
  }
  return actions;
}
