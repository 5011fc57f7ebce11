import type { BreakdownRow, KpiAnswer } from '../../core/answer.ts';
import { formatValue, type Lang } from '../../core/format.ts';
import type { CardElement, Table, TableRow } from './adaptive-card.ts';
import { andMore, byLabel, dimensionLabel, LABELS } from './card-labels.ts';
import { plainText, truncate } from './card-text.ts';
import { formatParts, isRatio } from './figures.ts';

const MAX_LABEL = 80;

/** The breakdown's first `limit` rows as table rows, formatted once: the size search then only slices them. */
export function breakdownRows(answer: KpiAnswer, limit: number): TableRow[] {
  const ratio = isRatio(answer.metric.format);
  return answer.breakdown
    .slice(0, limit)
    .map((row) => tableRow(rowCells(answer, row, ratio, answer.lang), false));
}

/** The breakdown's title, a table of the first `shown` of `rows` (with a header row), and "… and N more". */
export function breakdownSection(answer: KpiAnswer, rows: TableRow[], shown: number): CardElement[] {
  if (answer.breakdown.length === 0 || answer.breakdownBy === null) return [];
  const lang = answer.lang;
  const ratio = isRatio(answer.metric.format);
  const elements: CardElement[] = [
    {
      type: 'TextBlock',
      text: byLabel(answer.breakdownBy, lang),
      weight: 'Bolder',
      spacing: 'Medium',
      separator: true,
    },
  ];
  const visible = rows.slice(0, shown);
  if (visible.length > 0) {
    const header = [
      dimensionLabel(answer.breakdownBy, lang),
      truncate(plainText(answer.metric.label), MAX_LABEL),
      ...(ratio ? [LABELS.detail[lang]] : []),
    ];
    const table: Table = {
      type: 'Table',
      columns: [
        { width: 3 },
        { width: 2, horizontalCellContentAlignment: 'Right' },
        ...(ratio ? [{ width: 2, horizontalCellContentAlignment: 'Right' as const }] : []),
      ],
      rows: [tableRow(header, true), ...visible],
      firstRowAsHeader: true,
      showGridLines: false,
      spacing: 'Small',
    };
    elements.push(table);
  }
  const hidden = Math.max(answer.breakdownTotal, answer.breakdown.length) - visible.length;
  if (hidden > 0) {
    elements.push({
      type: 'TextBlock',
      text: andMore(hidden, lang),
      isSubtle: true,
      size: 'Small',
      spacing: 'Small',
    });
  }
  return elements;
}

function rowCells(answer: KpiAnswer, row: BreakdownRow, ratio: boolean, lang: Lang): string[] {
  const value = formatValue(row.value, answer.metric.format, lang, answer.metric.currency);
  const cells = [truncate(plainText(row.label), MAX_LABEL), value];
  if (ratio) cells.push(formatParts(row.numerator, row.denominator, lang) ?? '');
  return cells;
}

function tableRow(texts: string[], header: boolean): TableRow {
  return {
    type: 'TableRow',
    cells: texts.map((text) => ({
      type: 'TableCell',
      items: [{ type: 'TextBlock', text, wrap: true, ...(header ? { weight: 'Bolder' as const } : {}) }],
    })),
  };
}
