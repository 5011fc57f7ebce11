import { z } from 'zod';
import { MAX_QUESTION_IN_VALUE } from './action-values.ts';
import { BLOCK_KIT_LIMITS } from './limits.ts';

/**
 * The alert buttons' contract with their listeners (listeners/actions/alert-*.ts). The value names the AlertState
 * and, for a snooze, how many days; the breakdown button carries the question it asks. Nothing in a value is
 * trusted: the listener checks the state belongs to the clicking workspace's tenant and that the user may act.
 */
export const ALERT_ACTIONS = {
  ack: 'kpi_alert_ack',
  snooze: 'kpi_alert_snooze',
  breakdown: 'kpi_alert_breakdown',
} as const;

export type AlertActionKind = keyof typeof ALERT_ACTIONS;

/** For Bolt's `app.action(pattern, …)`; snooze buttons are `kpi_alert_snooze:1d`, `kpi_alert_snooze:7d`. */
export const ALERT_ACTION_PATTERNS: Readonly<Record<AlertActionKind, RegExp>> = {
  ack: /^kpi_alert_ack$/,
  snooze: /^kpi_alert_snooze(?::.*)?$/,
  breakdown: /^kpi_alert_breakdown$/,
};

export interface AlertActionValue {
  /** The AlertState id. */
  s: string;
  /** Snooze length in days. */
  d?: number;
  /** The breakdown question. */
  q?: string;
}

/** A snooze is a day or a week from the buttons; anything up to a month is accepted from an older release. */
export const MAX_SNOOZE_DAYS = 31;

const valueSchema = z.object({
  s: z.string().min(1).max(100),
  d: z.number().int().min(1).max(MAX_SNOOZE_DAYS).optional(),
  q: z.string().min(1).max(MAX_QUESTION_IN_VALUE).optional(),
});

/** JSON within a button value's 2000 characters: a long question is cut (on a code point), never the JSON. */
export function encodeAlertActionValue(v: AlertActionValue): string {
  let q = v.q === undefined ? undefined : Array.from(v.q).slice(0, MAX_QUESTION_IN_VALUE).join('');
  for (;;) {
    const json = JSON.stringify({ s: v.s, ...(v.d !== undefined ? { d: v.d } : {}), ...(q ? { q } : {}) });
    if (json.length <= BLOCK_KIT_LIMITS.buttonValue || !q) return json;
    const points = Array.from(q);
    q = points
      .slice(0, points.length - Math.max(1, Math.ceil((json.length - BLOCK_KIT_LIMITS.buttonValue) / 6)))
      .join('');
  }
}

/** The value of an alert button, or null when it is not one (tampered, truncated, from another app). */
export function decodeAlertActionValue(s: string | undefined): AlertActionValue | null {
  if (!s || s.length > BLOCK_KIT_LIMITS.buttonValue) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(s);
  } catch {
    return null;
  }
  const parsed = valueSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { s: stateId, d, q } = parsed.data;
  return { s: stateId, ...(d !== undefined ? { d } : {}), ...(q !== undefined ? { q } : {}) };
}
