import {
  type AlertMarkup,
  alertButtons,
  alertFigures,
  alertRanges,
  alertReplyText,
  alertStatus,
  alertTitle,
  alertWords,
  contributorLines,
  formatInstant,
} from '../../app/delivery/alert-wording.ts';
import type { AlertReplyView, AlertView } from '../../core/alerts/types.ts';
import { MAX_INPUT_CHARS } from '../../core/query/index.ts';
import {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type AdaptiveCard,
  type CardElement,
  type TeamsCard,
} from './adaptive-card.ts';
import type { AlertCardActionData } from './alert-card-actions.ts';
import { ALERT_CARD_ACTIONS } from './alert-card-actions.ts';
import { CARD_ACTIONS, type CardActionData } from './card-actions.ts';
import { plainText, truncate } from './card-text.ts';

/** The snooze buttons: one day, one week (as in Slack). */
const SNOOZE_DAYS = [1, 7] as const;

/** Ack and Snooze act on the alert; Open breakdown asks its question like an answer card's buttons do. */
export interface AlertSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: AlertCardActionData | CardActionData;
}

/** An alert card: the Adaptive Card 1.5 of adaptive-card.ts, with alert buttons instead of question buttons. */
export interface AlertCard {
  contentType: TeamsCard['contentType'];
  content: Omit<AdaptiveCard, 'actions'> & { actions?: AlertSubmitAction[] };
}

/** Teams renders `{{DATE()}}` / `{{TIME()}}` in each reader's own zone and locale (RFC 3339, no fraction). */
function teamsInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return plainText(iso);
  const rfc3339 = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${rfc3339}, SHORT)}} {{TIME(${rfc3339})}}`;
}

const cardMarkup: AlertMarkup = { bold: (t) => `**${t}**`, text: plainText, instant: teamsInstant };

/**
 * An alert as an Adaptive Card: the same content as the Slack message (headline, figures, contributors, ranges,
 * status, the id to ask "why" about) and the buttons that still make sense, as Action.Submit whose data the bot
 * reads back (alert-card-actions.ts) to update this very card in place.
 */
export function renderAlertCard(view: AlertView): AlertCard {
  const w = alertWords(view.lang);
  const resolved = view.status === 'resolved';
  const title = truncate(plainText(alertTitle(view)), 200);
  const headline = truncate(plainText(view.headline), 1000);
  const body: CardElement[] = [
    {
      type: 'Container',
      style: resolved ? 'good' : view.acked ? 'emphasis' : 'attention',
      items: [
        {
          type: 'TextBlock',
          text: `${resolved ? '✅' : view.acked ? '👀' : '🚨'} ${title}`,
          size: 'Medium',
          weight: 'Bolder',
          wrap: true,
        },
        { type: 'TextBlock', text: headline, wrap: true, spacing: 'Small' },
      ],
    },
  ];
  const figures = alertFigures(view);
  if (figures.length > 0) {
    body.push({ type: 'FactSet', facts: figures.map((f) => ({ title: f.label, value: f.value })) });
  } else if (view.judgement.reason.trim() !== '') {
    body.push({ type: 'TextBlock', text: truncate(plainText(view.judgement.reason), 1000), wrap: true });
  }
  const contributors = contributorLines(view);
  if (contributors.length > 0) {
    body.push({ type: 'TextBlock', text: w.topContributors, weight: 'Bolder', spacing: 'Medium' });
    body.push({
      type: 'FactSet',
      spacing: 'Small',
      facts: contributors.map((c) => ({ title: truncate(plainText(c.label), 100), value: c.figures })),
    });
  }
  const ranges = alertRanges(view);
  if (ranges) {
    body.push({
      type: 'TextBlock',
      text: `📅 ${plainText(ranges)}`,
      size: 'Small',
      isSubtle: true,
      wrap: true,
    });
  }
  body.push({ type: 'TextBlock', text: alertStatus(view, cardMarkup), size: 'Small', wrap: true });
  body.push({
    type: 'TextBlock',
    text: `${w.alert} ${view.alertId} · ${w.why} ${view.alertId}`,
    size: 'Small',
    isSubtle: true,
    spacing: 'None',
  });
  const actions = cardActions(view);
  const fallbackText = truncate(
    `${resolved ? `✅ ${w.resolved}: ` : '🚨 '}${plainText(view.headline)}`.replace(/\s+/g, ' '),
    300,
  );
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: ADAPTIVE_CARD_SCHEMA,
      version: ADAPTIVE_CARD_VERSION,
      lang: view.lang,
      fallbackText,
      body,
      ...(actions.length > 0 ? { actions } : {}),
      msteams: { width: 'Full' },
    },
  };
}

function cardActions(view: AlertView): AlertSubmitAction[] {
  const w = alertWords(view.lang);
  const shown = alertButtons(view);
  const submit = (title: string, data: AlertSubmitAction['data']): AlertSubmitAction => ({
    type: 'Action.Submit',
    title,
    data,
  });
  const out: AlertSubmitAction[] = [];
  if (shown.ack) out.push(submit(w.ack, { kpiAction: ALERT_CARD_ACTIONS.ack, stateId: view.stateId }));
  if (shown.snooze) {
    for (const days of SNOOZE_DAYS) {
      out.push(
        submit(days === 1 ? w.snooze1d : w.snooze1w, {
          kpiAction: ALERT_CARD_ACTIONS.snooze,
          stateId: view.stateId,
          days,
        }),
      );
    }
  }
  if (shown.breakdown && view.breakdownQuery) {
    out.push(
      submit(w.openBreakdown, {
        kpiAction: CARD_ACTIONS.suggest,
        q: truncate(view.breakdownQuery, MAX_INPUT_CHARS),
      }),
    );
  }
  return out;
}

/** A reply in the alert's thread, as Teams message text (Markdown): instants in the alert's zone. */
export function renderAlertReplyText(reply: AlertReplyView): string {
  return alertReplyText(reply, {
    bold: (t) => `**${t}**`,
    text: plainText,
    instant: (iso) => formatInstant(iso, reply.alert.lang, reply.alert.tz),
  });
}
