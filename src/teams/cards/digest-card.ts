import type { DigestKpi, DigestView } from '../../core/digest/types.ts';
import {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type CardElement,
  TEAMS_CARD_MAX_BYTES,
  type TextColor,
} from './adaptive-card.ts';
import { plainText, truncate } from './card-text.ts';

/** Adaptive Card Image: an inline `data:image/png;base64,…` URL is how Teams shows a picture without hosting. */
export interface ImageElement {
  type: 'Image';
  url: string;
  altText: string;
  size?: 'Auto' | 'Stretch' | 'Small' | 'Medium' | 'Large';
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
}

type DigestCardElement = CardElement | ImageElement;

export interface DigestCard {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: {
    type: 'AdaptiveCard';
    $schema: typeof ADAPTIVE_CARD_SCHEMA;
    version: typeof ADAPTIVE_CARD_VERSION;
    lang: 'en' | 'fr';
    fallbackText: string;
    body: DigestCardElement[];
    msteams: { width: 'Full' };
  };
}

const COLOR: Record<NonNullable<DigestKpi['trend']>, TextColor> = {
  good: 'Good',
  bad: 'Attention',
  flat: 'Default',
};

const CHART_ALT_LABEL = { en: 'Chart', fr: 'Graphique' } as const;

/**
 * The weekly digest as an Adaptive Card: the same content as the Slack message, with the chart inline (a PNG data
 * URI, always with its alt text). Within TEAMS_CARD_MAX_BYTES: when the image does not fit, it is left out and its
 * alt text shown instead; then the definitions go; then the card is cut from the end.
 */
export function renderDigestCard(view: DigestView, opts: { chartPng?: Buffer | null } = {}): DigestCard {
  const image =
    view.chart && opts.chartPng ? `data:image/png;base64,${opts.chartPng.toString('base64')}` : null;
  const attempts = [
    { image, definitions: true },
    { image: null, definitions: true },
    { image: null, definitions: false },
  ];
  let card = build(view, attempts[0]!);
  for (const a of attempts) {
    card = build(view, a);
    if (size(card) <= TEAMS_CARD_MAX_BYTES) return card;
  }
  while (card.content.body.length > 2 && size(card) > TEAMS_CARD_MAX_BYTES) card.content.body.pop();
  return card;
}

function build(view: DigestView, opts: { image: string | null; definitions: boolean }): DigestCard {
  const body: DigestCardElement[] = [
    { type: 'TextBlock', text: plainText(view.title), size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: plainText(view.subtitle),
      size: 'Small',
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
  ];
  for (const k of view.kpis) body.push(kpiContainer(k));
  if (view.chart) {
    if (opts.image) {
      body.push({ type: 'Image', url: opts.image, altText: truncate(view.chart.alt, 1000), size: 'Stretch' });
    } else {
      body.push(small(`${CHART_ALT_LABEL[view.lang]} — ${view.chart.alt}`));
    }
  }
  if (view.movers) {
    body.push(heading(view.movers.title));
    for (const m of view.movers.up) body.push(small(`▲ ${m.text}`, 'Good'));
    for (const m of view.movers.down) body.push(small(`▼ ${m.text}`, 'Attention'));
  }
  if (view.leaderboard) {
    body.push(heading(view.leaderboard.title));
    for (const line of view.leaderboard.lines) body.push(small(line));
    if (view.leaderboard.more > 0) body.push(small(`… +${view.leaderboard.more}`));
  } else if (view.leaderboardNote) {
    body.push(small(`🔒 ${view.leaderboardNote}`));
  }
  body.push(heading(view.alerts.title));
  for (const line of view.alerts.lines) body.push(small(line));
  if (opts.definitions) {
    for (const d of view.definitions) body.push({ ...small(d), isSubtle: true });
  }
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: ADAPTIVE_CARD_SCHEMA,
      version: ADAPTIVE_CARD_VERSION,
      lang: view.lang,
      fallbackText: truncate(view.fallback, 300),
      body,
      msteams: { width: 'Full' },
    },
  };
}

function kpiContainer(k: DigestKpi): CardElement {
  const items: CardElement[] = [
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [{ type: 'TextBlock', text: plainText(k.label), weight: 'Bolder', wrap: true }],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [
            {
              type: 'TextBlock',
              text: plainText(k.valueText),
              weight: 'Bolder',
              horizontalAlignment: 'Right',
            },
          ],
        },
      ],
    },
    { ...small(k.previousText, COLOR[k.trend ?? 'flat']), spacing: 'None' },
  ];
  if (k.targetText) items.push({ ...small(`🎯 ${k.targetText}`), spacing: 'None' });
  if (k.paceText) items.push({ ...small(`⏱ ${k.paceText}`), spacing: 'None' });
  if (k.teamText) items.push({ ...small(`👥 ${k.teamText}`), spacing: 'None' });
  return { type: 'Container', items, spacing: 'Small' };
}

function heading(text: string): CardElement {
  return {
    type: 'TextBlock',
    text: plainText(truncate(text, 300)),
    weight: 'Bolder',
    wrap: true,
    spacing: 'Medium',
    separator: true,
  };
}

function small(text: string, color?: TextColor) {
  return {
    type: 'TextBlock' as const,
    text: plainText(truncate(text, 1000)),
    size: 'Small' as const,
    wrap: true,
    spacing: 'Small' as const,
    ...(color && color !== 'Default' ? { color } : {}),
  };
}

function size(card: DigestCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
