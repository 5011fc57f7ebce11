import type { CardActionData } from './card-actions.ts';

/**
 * The slice of the Adaptive Card 1.5 schema our cards use (https://adaptivecards.io/explorer/). Typed narrowly so a
 * renderer cannot emit an element Teams would drop; `msteams.width: 'Full'` lets breakdown tables use the whole
 * message width in Teams.
 */
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';

/**
 * Teams refuses bigger messages with 413 MessageSizeTooBig. We budget the card's UTF-8 JSON at 28 KB: the limit
 * Teams connectors document, and, counted in UTF-16 as the Bot Service does, at most 56 KB — under the 80 KB it
 * recommends for a whole bot message, leaving room for the activity envelope.
 */
export const TEAMS_CARD_MAX_BYTES = 28 * 1024;

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
  horizontalAlignment?: 'Left' | 'Center' | 'Right';
}

export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
  verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: Spacing;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
  spacing?: Spacing;
}

export interface TableCell {
  type: 'TableCell';
  items: CardElement[];
}

export interface TableRow {
  type: 'TableRow';
  cells: TableCell[];
}

export interface Table {
  type: 'Table';
  columns: Array<{ width: number; horizontalCellContentAlignment?: 'Left' | 'Center' | 'Right' }>;
  rows: TableRow[];
  firstRowAsHeader: boolean;
  showGridLines: boolean;
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: Spacing;
}

export type CardElement = TextBlock | ColumnSet | FactSet | Table | Container;

/** Plain Action.Submit: Teams posts `data` back as the `value` of a message activity (see card-actions.ts). */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardActionData;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  lang: 'en' | 'fr';
  /** What notifications and clients without card support show. */
  fallbackText: string;
  body: CardElement[];
  actions?: SubmitAction[];
  msteams?: { width: 'Full' };
}

/** A bot attachment as botbuilder's `Attachment` expects it: `MessageFactory.attachment(card)` sends it as is. */
export interface TeamsCard {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
}

export function teamsCard(
  lang: 'en' | 'fr',
  fallbackText: string,
  body: CardElement[],
  actions: SubmitAction[] = [],
): TeamsCard {
  const content: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    lang,
    fallbackText,
    body,
    msteams: { width: 'Full' },
  };
  if (actions.length > 0) content.actions = actions;
  return { contentType: 'application/vnd.microsoft.card.adaptive', content };
}

/** The card's size as sent: its JSON in UTF-8 bytes. */
export function cardSize(card: TeamsCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
