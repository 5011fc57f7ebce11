import type { BreakdownRow, KpiAnswer } from '../../core/answer.ts';
import { context, section } from './block-builders.ts';
import { formatFigure, formatParts, showsParts } from './figure-lines.ts';
import { BLOCK_KIT_LIMITS } from './limits.ts';
import { escapeMrkdwn, fitColumn } from './mrkdwn.ts';
import type { Block } from './types.ts';
import { breakdownTitle, wording } from './wording.ts';

/** Rows shown in one message: enough for a sales floor, short enough to read in a channel. */
export const MAX_TABLE_ROWS = 40;
const LABEL_WIDTH = 24;
const FENCE = '```';

const TIME_GRAINS = new Set(['day', 'week', 'month', 'quarter']);

/**
 * The breakdown as an aligned monospace table, split over as many sections as the 3,000-character limit needs,
 * with a note when rows were left out (the answer's own cut included).
 */
export function breakdownBlocks(a: KpiAnswer, maxRows = MAX_TABLE_ROWS): Block[] {
  if (a.breakdownBy === null) return [];
  const w = wording(a.lang);
  const title = `*${breakdownTitle(a.breakdownBy, a.lang)}*`;
  if (a.breakdown.length === 0) return [section(`${title}\n_${w.noRows}_`)];
  const isSeries = TIME_GRAINS.has(a.breakdownBy);
  // A time series keeps its latest periods; other breakdowns come sorted best first.
  const rows = isSeries ? a.breakdown.slice(-maxRows) : a.breakdown.slice(0, maxRows);
  const blocks: Block[] = tableSections(title, tableLines(a, rows)).map(section);
  const total = Math.max(a.breakdownTotal, a.breakdown.length);
  const hidden = total - rows.length;
  if (hidden > 0) blocks.push(context([isSeries ? w.earlierRowsCut(hidden) : w.rowsCut(hidden, total)]));
  return blocks;
}

function tableLines(a: KpiAnswer, rows: readonly BreakdownRow[]): string[] {
  const labelWidth = Math.min(LABEL_WIDTH, Math.max(...rows.map((r) => r.label.length)));
  const values = rows.map((r) => formatFigure(a, r.value));
  const parts = rows.map((r) =>
    showsParts(a) ? (formatParts(r.numerator, r.denominator, a.lang) ?? '') : '',
  );
  const valueWidth = Math.max(...values.map((v) => v.length));
  const partsWidth = Math.max(...parts.map((p) => p.length));
  return rows.map((r, i) => {
    const columns = [fitColumn(r.label, labelWidth), values[i]!.padStart(valueWidth)];
    if (partsWidth > 0) columns.push(parts[i]!.padStart(partsWidth));
    // Padded before escaping: an entity like &amp; shows as one character, so columns stay aligned.
    return escapeMrkdwn(columns.join('  ').trimEnd());
  });
}

/** Lines packed into code blocks that each fit a section; the title goes above the first. */
function tableSections(title: string, lines: readonly string[]): string[] {
  const out: string[] = [];
  let head = `${title}\n`;
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    out.push(`${head}${FENCE}\n${current.join('\n')}\n${FENCE}`);
    head = '';
    current = [];
    length = 0;
  };
  for (const line of lines) {
    const fenced = head.length + FENCE.length * 2 + 2;
    if (current.length > 0 && fenced + length + 1 + line.length > BLOCK_KIT_LIMITS.sectionText) flush();
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) flush();
  return out;
}
