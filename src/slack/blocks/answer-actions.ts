import type { KpiAnswer } from '../../core/answer.ts';
import { type ActionValue, actionId, encodeActionValue } from './action-values.ts';
import { actions, button } from './block-builders.ts';
import type { ActionsBlock, ButtonElement } from './types.ts';
import { wording } from './wording.ts';

/** The follow-up (a button click) that produced an answer: its buttons keep it, Share repeats it. */
export type FollowUp = Pick<ActionValue, 'b' | 'p'>;

const DIMENSIONS = ['rep', 'team', 'channel'] as const;

/**
 * By rep / team / channel (those that would change the answer), previous period, and Share in channel for a
 * private reply. The listener re-checks access on every click; the buttons only save typing.
 */
export function answerActions(
  a: KpiAnswer,
  opts: { question: string; shareable: boolean; followUp?: FollowUp },
): ActionsBlock | null {
  const w = wording(a.lang);
  const q = opts.question;
  const p = opts.followUp?.p;
  const labels = { rep: w.byRep, team: w.byTeam, channel: w.byChannel };
  const buttons: ButtonElement[] = [];
  for (const b of DIMENSIONS) {
    if (a.breakdownBy === b || a.scope[b] !== null) continue;
    buttons.push(
      button(labels[b], actionId('breakdown', b), encodeActionValue({ q, b, ...(p ? { p } : {}) })),
    );
  }
  if (p !== 'previous') {
    const b = opts.followUp?.b;
    buttons.push(
      button(
        w.previousPeriod,
        actionId('previous'),
        encodeActionValue({ q, ...(b ? { b } : {}), p: 'previous' }),
      ),
    );
  }
  if (opts.shareable) {
    buttons.push(
      button(w.shareInChannel, actionId('share'), encodeActionValue({ q, ...opts.followUp }), 'primary'),
    );
  }
  return buttons.length > 0 ? actions(buttons) : null;
}
