import { z } from 'zod';

/**
 * The alert card's Ack and Snooze buttons, plain Action.Submit like the answer card's (card-actions.ts): a click
 * sends the bot a message activity whose `value` is the data below and whose `replyToId` is the card's activity,
 * which the bot then updates in place. Nothing in the data is trusted: the state must belong to the activity's
 * tenant and the clicking user must be allowed to act on it. (Open breakdown is an answer card's question button.)
 */
export const ALERT_CARD_ACTIONS = {
  ack: 'kpi_alert_ack',
  snooze: 'kpi_alert_snooze',
} as const;

export type AlertCardActionKind = (typeof ALERT_CARD_ACTIONS)[keyof typeof ALERT_CARD_ACTIONS];

export interface AlertCardActionData {
  kpiAction: AlertCardActionKind;
  stateId: string;
  /** Snooze length in days. */
  days?: number;
}

const schema = z
  .object({
    kpiAction: z.enum([ALERT_CARD_ACTIONS.ack, ALERT_CARD_ACTIONS.snooze]),
    stateId: z.string().trim().min(1).max(100),
    days: z.number().int().min(1).max(31).optional(),
  })
  .refine((d) => d.kpiAction !== ALERT_CARD_ACTIONS.snooze || d.days !== undefined, {
    message: 'a snooze button carries days',
  });

/** An `activity.value` from an Ack or Snooze button → its data; null for anything else (answer buttons, other apps). */
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
  const { kpiAction, stateId, days } = parsed.data;
  return { kpiAction, stateId, ...(days !== undefined ? { days } : {}) };
}
