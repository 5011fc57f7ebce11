import type { AlertReplyView, AlertView } from '../../core/alerts/types.ts';
import { renderAlertMessage, renderAlertReply } from '../../slack/blocks/alert-message.ts';
import { renderAlertCard, renderAlertReplyText } from '../../teams/cards/alert-card.ts';
import { registerRenderer } from './renderers.ts';

/** 'alert': the alert message itself (posted, then updated in place); its view is an AlertView. */
export const ALERT_KIND = 'alert';
/** 'alert_reply': a reply in the alert's thread (still firing, resolved); its view is an AlertReplyView. */
export const ALERT_REPLY_KIND = 'alert_reply';

registerRenderer(ALERT_KIND, {
  slack: (view) => {
    const message = renderAlertMessage(asAlertView(view));
    return { text: message.text, blocks: message.blocks };
  },
  teams: (view) => {
    const card = renderAlertCard(asAlertView(view));
    return { text: card.content.fallbackText, card: card as unknown as Record<string, unknown> };
  },
});

registerRenderer(ALERT_REPLY_KIND, {
  slack: (view) => {
    const message = renderAlertReply(asReplyView(view));
    return { text: message.text, blocks: message.blocks };
  },
  teams: (view) => ({ text: renderAlertReplyText(asReplyView(view)) }),
});

/**
 * A stored view is JSON written by an earlier release, perhaps: check what the renderers rely on, and say what is
 * missing rather than post a broken message (the outbox records the error on the delivery).
 */
export function asAlertView(view: unknown): AlertView {
  const v = view as Partial<AlertView> | null;
  const problems: string[] = [];
  if (!v || typeof v !== 'object') throw new TypeError('alert view must be an AlertView object');
  for (const key of ['alertId', 'stateId', 'ruleName', 'headline', 'firingSince'] as const) {
    if (typeof v[key] !== 'string') problems.push(key);
  }
  if (v.status !== 'firing' && v.status !== 'resolved') problems.push('status');
  if (!v.metric || typeof v.metric.format !== 'string') problems.push('metric');
  if (!v.judgement || typeof v.judgement.reason !== 'string') problems.push('judgement');
  if (!Array.isArray(v.contributors)) problems.push('contributors');
  if (problems.length > 0) {
    throw new TypeError(`alert view is missing or has a bad ${problems.join(', ')}`);
  }
  return { ...(v as AlertView), lang: v.lang === 'fr' ? 'fr' : 'en' };
}

function asReplyView(view: unknown): AlertReplyView {
  const v = view as Partial<AlertReplyView> | null;
  if (!v || (v.reply !== 'repeat' && v.reply !== 'resolve')) {
    throw new TypeError('alert_reply view must be { reply: "repeat" | "resolve", alert: AlertView }');
  }
  return { reply: v.reply, alert: asAlertView(v.alert) };
}
