import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../../core/query/index.ts';

/**
 * The alert card's buttons, plain Action.Submit like the answer card's (card-actions.ts): a click sends the bot a
 * message activity whose `value` is the data below and whose `replyToId` is the card's activity, which the bot
 * then updates in place. Nothing in the data is trusted: the state must belong to the activity's tenant and the
 * clicking user must be allowed to act on it.
 */
export const ALERT_CARD_ACTIONS = {
  ack: 'kpi_alert_ack',
  snooze: 'kpi_alert_snooze',
  breakdown: 'kpi_alert_breakdown',
} as const;

export type AlertCardActionKind = (typeof ALERT_CARD_ACTIONS)[keyof typeof ALERT_CARD_ACTIONS];

export interface AlertCardActionData {
  kpiAction: AlertCardActionKind;
  stateId: string;
  /** Snooze length in days. */
  days?: number;
  /** The breakdown question. */
  q?: string;
}

const schema = z
  .object({
    kpiAction: z.enum([ALERT_CARD_ACTIONS.ack, ALERT_CARD_ACTIONS.snooze, ALERT_CARD_ACTIONS.breakdown]),
    stateId: z.string().trim().min(1).max(100),
    days: z.number().int().min(1).max(31).optional(),
    q: z.string().trim().min(1).max(MAX_INPUT_CHARS).optional(),
  })
  .refine((d) => d.kpiAction !== ALERT_CARD_ACTIONS.snooze || d.days !== undefined, {
    message: 'a snooze button carries days',
  })
  .refine((d) => d.kpiAction !== ALERT_CARD_ACTIONS.breakdown || d.q !== undefined, {
    message: 'a breakdown button carries q',
  });

/** An `activity.value` from an alert button → its data; null for anything else (answer buttons, other apps). */
export function parseAlertCardAction(value: unknown): AlertCardActionData | null {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) return null;
  const { kpiAction, stateId, days, q } = parsed.data;
  return {
    kpiAction,
    stateId,
    ...(days !== undefined ? { days } : {}),
    ...(q !== undefined ? { q } : {}),
  };
}
