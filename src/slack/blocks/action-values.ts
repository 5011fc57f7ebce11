import { z } from 'zod';
import { BLOCK_KIT_LIMITS } from './limits.ts';

/**
 * The buttons' contract with the interaction listeners. Several buttons of one kind share an actions block, and
 * Slack wants action_ids unique within a block, so a button's action_id is its kind, optionally followed by
 * `:<suffix>` (`kpi_breakdown:team`); listeners match the kind with ACTION_ID_PATTERNS and read the value.
 */
export const ACTIONS = {
  breakdown: 'kpi_breakdown',
  previous: 'kpi_previous',
  share: 'kpi_share',
  suggest: 'kpi_suggest',
} as const;

export type ActionKind = keyof typeof ACTIONS;

/** For Bolt's `app.action(pattern, …)`: each kind's action_id, with or without its suffix. */
export const ACTION_ID_PATTERNS: Readonly<Record<ActionKind, RegExp>> = {
  breakdown: /^kpi_breakdown(?::.*)?$/,
  previous: /^kpi_previous(?::.*)?$/,
  share: /^kpi_share(?::.*)?$/,
  suggest: /^kpi_suggest(?::.*)?$/,
};

export function actionId(kind: ActionKind, suffix?: string): string {
  return suffix === undefined ? ACTIONS[kind] : `${ACTIONS[kind]}:${suffix}`;
}

/** The kind of a clicked button, from its action_id; null for buttons that are not ours. */
export function actionKindOf(id: string): ActionKind | null {
  for (const kind of Object.keys(ACTIONS) as ActionKind[]) {
    if (ACTION_ID_PATTERNS[kind].test(id)) return kind;
  }
  return null;
}

export type FollowUpBreakdown = 'rep' | 'team' | 'channel' | 'stage' | 'campaign';

export interface ActionValue {
  /** The original question text (at most 1500 characters). */
  q: string;
  /** Ask it again broken down by this dimension. */
  b?: FollowUpBreakdown;
  /** Ask it again over the previous period. */
  p?: 'previous';
}

export const MAX_QUESTION_IN_VALUE = 1500;

const actionValueSchema = z.object({
  q: z.string().min(1).max(BLOCK_KIT_LIMITS.buttonValue),
  b: z.enum(['rep', 'team', 'channel', 'stage', 'campaign']).optional(),
  p: z.literal('previous').optional(),
});

/** JSON of at most 2000 characters (a button value's limit): the question is cut to fit, never the JSON. */
export function encodeActionValue(v: ActionValue): string {
  let q = cutQuestion(v.q, MAX_QUESTION_IN_VALUE);
  for (;;) {
    const json = JSON.stringify({ q, ...(v.b ? { b: v.b } : {}), ...(v.p ? { p: v.p } : {}) });
    if (json.length <= BLOCK_KIT_LIMITS.buttonValue) return json;
    // Escapes (quotes, backslashes, control characters) made the JSON longer than the text: drop the excess.
    q = cutQuestion(q, q.length - Math.max(1, Math.ceil((json.length - BLOCK_KIT_LIMITS.buttonValue) / 6)));
  }
}

/** The value of one of our buttons, or null when it is not one (tampered, truncated, from an older release). */
export function decodeActionValue(s: string): ActionValue | null {
  if (s.length > BLOCK_KIT_LIMITS.buttonValue) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(s);
  } catch {
    return null;
  }
  const parsed = actionValueSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { q, b, p } = parsed.data;
  return { q, ...(b ? { b } : {}), ...(p ? { p } : {}) };
}

/** Cut on a code point boundary, so a cut emoji never leaves a lone surrogate (which JSON would escape). */
function cutQuestion(q: string, max: number): string {
  if (q.length <= max) return q;
  let cut = q.slice(0, Math.max(0, max));
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}
