import {
  type AlertMarkup,
  alertButtons,
  alertFigures,
  alertRanges,
  alertReplyText,
  alertStatus,
  alertTitle,
  alertWords,
  colon,
  contributorLines,
  formatInstant,
  whyCommand,
} from '../../app/delivery/alert-wording.ts';
import type { AlertReplyView, AlertView } from '../../core/alerts/types.ts';
import { ALERT_ACTIONS, encodeAlertActionValue } from './alert-actions.ts';
import { actions, button, context, fieldsSection, header, section } from './block-builders.ts';
import { FALLBACK_TEXT_MAX } from './limits.ts';
import { clampText, escapeMrkdwn } from './mrkdwn.ts';
import type { Block, ButtonElement, SlackMessage } from './types.ts';

/** Snooze buttons: one day, one week. */
export const SNOOZE_DAYS = [1, 7] as const;

/**
 * Slack shows `<!date^…>` in each reader's own zone and language; the fallback (notifications, old clients) is
 * the instant in the alert's zone.
 */
export function slackMarkup(view: Pick<AlertView, 'lang' | 'tz'>): AlertMarkup {
  return {
    bold: (t) => `*${t}*`,
    text: escapeMrkdwn,
    instant: (iso) => {
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return escapeMrkdwn(iso);
      const fallback = formatInstant(iso, view.lang, view.tz).replace(/[|<>]/g, ' ');
      return `<!date^${Math.floor(ms / 1000)}^{date_short} {time}|${fallback}>`;
    },
  };
}

/**
 * An alert as a Slack message: what happened, the figure against its baseline and bounds, the exact ranges
 * compared, who or what explains it, its status, the id for `/kpi why`, and the buttons that still make sense
 * (Ack, Snooze 1 day / 1 week while it fires unacknowledged; Open breakdown while there is one to open).
 */
export function renderAlertMessage(view: AlertView): SlackMessage {
  const w = alertWords(view.lang);
  const m = slackMarkup(view);
  const icon = view.status === 'resolved' ? '✅' : view.acked ? '👀' : '🚨';
  const blocks: Block[] = [header(`${icon} ${alertTitle(view)}`), section(`*${m.text(view.headline)}*`)];
  const figures = alertFigures(view);
  if (figures.length > 0) {
    blocks.push(fieldsSection(figures.map((f) => `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`)));
  } else if (view.judgement.reason.trim() !== '') {
    blocks.push(section(m.text(view.judgement.reason)));
  }
  const contributors = contributorLines(view);
  if (contributors.length > 0) {
    const c = colon(view.lang);
    blocks.push(
      section(
        [
          `*${w.topContributors}*`,
          ...contributors.map((l) => `• ${escapeMrkdwn(l.label)}${c} ${escapeMrkdwn(l.figures)}`),
        ].join('\n'),
      ),
    );
  }
  const ranges = alertRanges(view);
  if (ranges) blocks.push(context([`:calendar: ${escapeMrkdwn(ranges)}`]));
  blocks.push(
    context([
      alertStatus(view, m),
      `${w.alert} \`${escapeMrkdwn(view.alertId)}\` · \`${escapeMrkdwn(whyCommand(view))}\``,
    ]),
  );
  const buttons = alertActionButtons(view);
  if (buttons.length > 0) blocks.push(actions(buttons));
  return { text: fallbackText(view, icon), blocks };
}

function alertActionButtons(view: AlertView): ButtonElement[] {
  const w = alertWords(view.lang);
  const shown = alertButtons(view);
  const out: ButtonElement[] = [];
  if (shown.ack) {
    out.push(button(w.ack, ALERT_ACTIONS.ack, encodeAlertActionValue({ s: view.stateId }), 'primary'));
  }
  if (shown.snooze) {
    for (const d of SNOOZE_DAYS) {
      out.push(
        button(
          d === 1 ? w.snooze1d : w.snooze1w,
          `${ALERT_ACTIONS.snooze}:${d}d`,
          encodeAlertActionValue({ s: view.stateId, d }),
        ),
      );
    }
  }
  if (shown.breakdown && view.breakdownQuery) {
    out.push(
      button(
        w.openBreakdown,
        ALERT_ACTIONS.breakdown,
        encodeAlertActionValue({ s: view.stateId, q: view.breakdownQuery }),
      ),
    );
  }
  return out;
}

/** The notification: "🚨 Meeting → proposal fell 58% vs the previous 14 days (24% vs 61%)". */
function fallbackText(view: AlertView, icon: string): string {
  const w = alertWords(view.lang);
  const prefix = view.status === 'resolved' ? `${icon} ${w.resolved}${colon(view.lang)} ` : `${icon} `;
  return clampText(`${prefix}${escapeMrkdwn(view.headline.replace(/\s+/g, ' ').trim())}`, FALLBACK_TEXT_MAX);
}

/** A reply in the alert's thread: still firing, or resolved and how long it lasted. */
export function renderAlertReply(reply: AlertReplyView): SlackMessage {
  const text = alertReplyText(reply, slackMarkup(reply.alert));
  return { text: clampText(text, FALLBACK_TEXT_MAX * 2), blocks: [section(text)] };
}
