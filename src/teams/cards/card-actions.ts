import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../../core/query/index.ts';
import type { SubmitAction } from './adaptive-card.ts';

/**
 * Buttons are plain `Action.Submit` (no `msteams.messageBack`): clicking one sends the bot a message activity with no
 * text whose `value` is exactly the button's `data`, and posts nothing in the conversation. The bot answers `q` again
 * with the overrides: `b` another breakdown, `p: 'previous'` the previous period.
 */
export const CARD_ACTIONS = {
  breakdown: 'kpi_breakdown',
  previous: 'kpi_previous',
  suggest: 'kpi_suggest',
} as const;

export type CardActionKind = (typeof CARD_ACTIONS)[keyof typeof CARD_ACTIONS];
export type CardBreakdown = 'rep' | 'team' | 'channel' | 'stage' | 'campaign';

export interface CardActionData {
  kpiAction: CardActionKind;
  /** The question to ask again (the original text; for `kpi_suggest`, the suggested metric). */
  q: string;
  b?: CardBreakdown;
  p?: 'previous';
}

const cardActionSchema = z
  .object({
    kpiAction: z.enum([CARD_ACTIONS.breakdown, CARD_ACTIONS.previous, CARD_ACTIONS.suggest]),
    q: z.string().trim().min(1).max(MAX_INPUT_CHARS),
    b: z.enum(['rep', 'team', 'channel', 'stage', 'campaign']).optional(),
    p: z.literal('previous').optional(),
  })
  .refine((d) => d.kpiAction !== CARD_ACTIONS.breakdown || d.b !== undefined, {
    message: 'a breakdown button carries b',
  })
  .refine((d) => d.kpiAction !== CARD_ACTIONS.previous || d.p === 'previous', {
    message: 'a previous-period button carries p',
  });

/**
 * An `activity.value` from one of our buttons → its data, or null for anything else (another app's card, a
 * tampered payload). Accepts the object Teams sends, or the same as a JSON string as some clients relay it.
 */
export function parseCardAction(value: unknown): CardActionData | null {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const parsed = cardActionSchema.safeParse(candidate);
  if (!parsed.success) return null;
  const { kpiAction, q, b, p } = parsed.data;
  return { kpiAction, q, ...(b ? { b } : {}), ...(p ? { p } : {}) };
}

export function submitAction(title: string, data: CardActionData): SubmitAction {
  return { type: 'Action.Submit', title, data };
}
