import { describe, expect, it } from 'vitest';
import { rendererFor } from '../../../src/app/delivery/renderers.ts';
import '../../../src/app/delivery/alert-renderer.ts';
import { decodeAlertActionValue } from '../../../src/slack/blocks/alert-actions.ts';
import { renderAlertMessage, renderAlertReply } from '../../../src/slack/blocks/alert-message.ts';
import {
  BLOCK_KIT_LIMITS,
  FALLBACK_TEXT_MAX,
  type SlackMessage,
  validateBlockKit,
} from '../../../src/slack/blocks/index.ts';
import { renderAlertCard, renderAlertReplyText } from '../../../src/teams/cards/alert-card.ts';
import { parseAlertCardAction } from '../../../src/teams/cards/alert-card-actions.ts';
import { cardSize, parseCardAction, TEAMS_CARD_MAX_BYTES } from '../../../src/teams/cards/index.ts';
import { cardProblems, cardTexts } from '../teams/card-validator.ts';
import { makeAlertView, resolvedAlertView } from './alert-view-factory.ts';

type Button = { action_id: string; value: string; text: { text: string } };

function buttons(message: SlackMessage): Button[] {
  return message.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as unknown as Button[]) : []));
}

function slackText(message: SlackMessage): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

/** Card problems, except Ack/Snooze data, which the answer card's parser does not know: checked by ours. */
function alertCardProblems(card: ReturnType<typeof renderAlertCard>): string[] {
  const problems = cardProblems(card).filter((p) => !/^actions\[\d+\]\.data$/.test(p));
  (card.content.actions ?? []).forEach((a, i) => {
    if (parseAlertCardAction(a.data) === null && parseCardAction(a.data) === null) {
      problems.push(`actions[${i}].data`);
    }
  });
  return problems;
}

describe('Slack alert message', () => {
  it('says what happened, the figures against baseline and bounds, the ranges, contributors and the id', () => {
    const message = renderAlertMessage(makeAlertView());
    expect(validateBlockKit(message)).toEqual([]);
    const text = slackText(message);
    expect(message.text).toMatch(/^🚨 Meeting → proposal fell 58%/);
    expect(text).toContain('Meeting → proposal drop — Team Lyon');
    expect(text).toMatch(/Change\*\\n-58\.3%/);
    expect(text).toMatch(/Trigger\*\\n-20%/);
    expect(text).toContain('25% vs 60%');
    expect(text).toContain(
      '4 Nov 2026 → 17 Nov 2026 (last 14 days) vs 21 Oct 2026 → 3 Nov 2026 (previous 14 days)',
    );
    expect(text).toContain('Europe/Paris');
    expect(text).toContain('Julien Moreau: 10% (was 65%) · 71% of the change');
    expect(text).toContain('`/kpi why 1a2b3c4d`');
    // The firing time in each reader's zone, with a fallback in the alert's zone (08:00 Paris).
    expect(text).toContain(
      `<!date^${Date.parse('2026-11-18T07:00:00Z') / 1000}^{date_short} {time}|18 Nov 2026, 08:00>`,
    );
  });

  it('offers Ack, Snooze 1 day / 1 week and Open breakdown while it fires, each naming the state', () => {
    const view = makeAlertView();
    const shown = buttons(renderAlertMessage(view));
    expect(shown.map((b) => [b.action_id, b.text.text])).toEqual([
      ['kpi_alert_ack', 'Ack'],
      ['kpi_alert_snooze:1d', 'Snooze 1 day'],
      ['kpi_alert_snooze:7d', 'Snooze 1 week'],
      ['kpi_alert_breakdown', 'Open breakdown'],
    ]);
    expect(shown.map((b) => decodeAlertActionValue(b.value))).toEqual([
      { s: view.stateId },
      { s: view.stateId, d: 1 },
      { s: view.stateId, d: 7 },
      { s: view.stateId, q: view.breakdownQuery },
    ]);
  });

  it('drops Ack and Snooze once acknowledged, and says by whom', () => {
    const message = renderAlertMessage(
      makeAlertView({ acked: { by: 'Marc Petit', at: '2026-11-18T08:00:00.000Z' } }),
    );
    expect(buttons(message).map((b) => b.action_id)).toEqual(['kpi_alert_breakdown']);
    expect(slackText(message)).toContain('Acknowledged by *Marc Petit*');
    expect(message.text.startsWith('👀')).toBe(true);
  });

  it('keeps Ack but not Snooze while snoozed, and says until when', () => {
    const message = renderAlertMessage(makeAlertView({ snoozedUntil: '2026-11-19T07:00:00.000Z' }));
    expect(buttons(message).map((b) => b.action_id)).toEqual(['kpi_alert_ack', 'kpi_alert_breakdown']);
    expect(slackText(message)).toMatch(
      /Snoozed until <!date\^\d+\^\{date_short\} \{time\}\|19 Nov 2026, 08:00>/,
    );
  });

  it('shows a resolved alert with how long it lasted and no obsolete button', () => {
    const message = renderAlertMessage(resolvedAlertView());
    expect(validateBlockKit(message)).toEqual([]);
    expect(buttons(message).map((b) => b.action_id)).toEqual(['kpi_alert_breakdown']);
    expect(message.text).toMatch(/^✅ Resolved: /);
    expect(slackText(message)).toContain('Resolved after 3\u00a0h 20\u00a0min');
    expect(slackText(message)).not.toContain('Firing since');
    expect(buttons(renderAlertMessage(resolvedAlertView({ breakdownQuery: null })))).toEqual([]);
  });

  it('speaks French for a French rule', () => {
    const text = slackText(
      renderAlertMessage(
        makeAlertView({
          lang: 'fr',
          headline:
            'Rendez-vous → proposition : −58 % par rapport aux 14 jours précédents (25 % contre 60 %)',
          current: {
            start: '2026-11-04T00:00:00.000+01:00',
            end: '2026-11-18T00:00:00.000+01:00',
            label: '14 derniers jours',
          },
        }),
      ),
    );
    for (const words of [
      'Je m’en occupe',
      'Pause 1 jour',
      'Pause 1 semaine',
      'Voir le détail',
      'Ce qui l’explique',
      'Active depuis le',
      'Variation',
      'Déclencheur',
      '`/kpi pourquoi 1a2b3c4d`',
      '4 nov. 2026 → 17 nov. 2026 (14 derniers jours)',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(
      /Julien Moreau\\u00a0: 10\s%|Julien Moreau\u00a0: 10\u00a0%|Julien Moreau\u00a0: 10\u202f%/,
    );
  });

  it('reads each rule kind in its own unit', () => {
    const pace = slackText(
      renderAlertMessage(
        makeAlertView({
          kind: 'pace',
          metric: {
            name: 'revenue_signed',
            label: 'Revenue signed',
            format: 'currency',
            direction: 'up_is_good',
          },
          judgement: {
            breaching: true,
            recovered: false,
            skipped: null,
            value: 0.72,
            bound: 0.8,
            recoveryBound: 0.9,
            baseline: 21000,
            day: null,
            reason: '…',
          },
          contributors: [],
        }),
      ),
    );
    expect(pace).toContain('Pace of objective*\\n72%');
    expect(pace).toContain('Expected by now*\\n€21,000');
    expect(pace).toContain('Alert under*\\n80%');
    const threshold = slackText(
      renderAlertMessage(
        makeAlertView({
          kind: 'threshold',
          judgement: {
            ...makeAlertView().judgement,
            value: 0.24,
            bound: 0.3,
            recoveryBound: 0.32,
            baseline: null,
          },
        }),
      ),
    );
    expect(threshold).toContain('Value*\\n24%');
    expect(threshold).toContain('Threshold*\\n30%');
    expect(threshold).toContain('Recovers at*\\n32%');
    // Without the kind the figures cannot be read: the judge's reason stands in for them.
    const unknown = slackText(renderAlertMessage(makeAlertView({ kind: undefined })));
    expect(unknown).toContain('beyond the −20% trigger');
    expect(unknown).not.toContain('Trigger*');
  });

  it('stays within Block Kit limits with huge names, and escapes user data', () => {
    const long = 'Équipe <b>&'.repeat(600);
    const message = renderAlertMessage(
      makeAlertView({
        ruleName: long,
        scopeLabel: long,
        headline: long,
        breakdownQuery: `${'q"'.repeat(3000)}`,
        contributors: Array.from({ length: 50 }, (_, i) => ({
          key: `rep:${i}`,
          label: `<@U123> ${long}`,
          value: 0.1,
          baseline: 0.2,
          share: 0.02,
        })),
        acked: { by: long, at: '2026-11-18T08:00:00.000Z' },
        status: 'firing',
      }),
    );
    expect(validateBlockKit(message)).toEqual([]);
    expect(message.text.length).toBeLessThanOrEqual(FALLBACK_TEXT_MAX);
    // Plain-text headers show markup as typed; mrkdwn must carry it escaped.
    const mrkdwn = JSON.stringify(message.blocks.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toContain('<b>');
    expect(mrkdwn).not.toContain('<@U123>');
    for (const b of buttons(message))
      expect(b.value.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.buttonValue);
  });

  it('writes the thread replies: still firing, and resolved with the figure and how long', () => {
    const repeat = renderAlertReply({ reply: 'repeat', alert: makeAlertView() });
    expect(validateBlockKit(repeat)).toEqual([]);
    expect(repeat.text).toMatch(
      /^🔁 Still firing since <!date\^\d+\^\{date_short\} \{time\}\|18 Nov 2026, 08:00>: Meeting/,
    );
    const resolved = renderAlertReply({ reply: 'resolve', alert: resolvedAlertView() });
    expect(resolved.text).toBe(
      '✅ *Resolved*: back to *58%* after 3\u00a0h 20\u00a0min. Meeting → proposal drop — Team Lyon',
    );
    const fr = renderAlertReply({ reply: 'resolve', alert: resolvedAlertView({ lang: 'fr' }) });
    expect(fr.text).toMatch(/^✅ \*Résolue\*\u00a0: retour à \*58\s?%\* après 3\u00a0h 20\u00a0min\./);
  });
});

describe('Teams alert card', () => {
  it('carries the same content and Action.Submit buttons our card-action path reads back', () => {
    const view = makeAlertView();
    const card = renderAlertCard(view);
    expect(alertCardProblems(card)).toEqual([]);
    expect(cardSize(card as never)).toBeLessThan(TEAMS_CARD_MAX_BYTES);
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('Meeting → proposal fell 58%');
    expect(texts).toContain('Change: -58.3%');
    expect(texts).toContain('Julien Moreau: 10% (was 65%) · 71% of the change');
    expect(texts).toContain('{{DATE(2026-11-18T07:00:00Z, SHORT)}} {{TIME(2026-11-18T07:00:00Z)}}');
    expect(texts).toContain('why 1a2b3c4d');
    expect(card.content.actions?.map((a) => [a.title, a.data])).toEqual([
      ['Ack', { kpiAction: 'kpi_alert_ack', stateId: view.stateId }],
      ['Snooze 1 day', { kpiAction: 'kpi_alert_snooze', stateId: view.stateId, days: 1 }],
      ['Snooze 1 week', { kpiAction: 'kpi_alert_snooze', stateId: view.stateId, days: 7 }],
      ['Open breakdown', { kpiAction: 'kpi_suggest', q: view.breakdownQuery }],
    ]);
  });

  it('drops obsolete buttons when acknowledged or resolved, in French too', () => {
    const acked = renderAlertCard(
      makeAlertView({ lang: 'fr', acked: { by: 'Marc Petit', at: '2026-11-18T08:00:00Z' } }),
    );
    expect(acked.content.actions?.map((a) => a.title)).toEqual(['Voir le détail']);
    expect(cardTexts(acked).join('\n')).toContain('Prise en charge par **Marc Petit**');
    const resolved = renderAlertCard(resolvedAlertView({ breakdownQuery: null }));
    expect(resolved.content.actions).toBeUndefined();
    expect(alertCardProblems(resolved)).toEqual([]);
    expect(cardTexts(resolved).join('\n')).toContain('Resolved after 3\u00a0h 20\u00a0min');
  });

  it('neutralises Markdown in user data and replies in text with instants in the alert’s zone', () => {
    const card = renderAlertCard(makeAlertView({ ruleName: '[click](https://evil.test)' }));
    expect(JSON.stringify(card)).not.toContain('](https://evil.test)');
    expect(renderAlertReplyText({ reply: 'repeat', alert: makeAlertView() })).toMatch(
      /^🔁 Still firing since 18 Nov 2026, 08:00: Meeting/,
    );
    expect(renderAlertReplyText({ reply: 'resolve', alert: resolvedAlertView() })).toContain(
      'back to **58%** after 3\u00a0h 20\u00a0min',
    );
  });
});

describe('delivery renderers for alert and alert_reply', () => {
  it('are registered and refuse a view they cannot render', () => {
    const alert = rendererFor('alert');
    const reply = rendererFor('alert_reply');
    expect(alert && reply).toBeTruthy();
    expect(alert?.slack(makeAlertView()).blocks?.length).toBeGreaterThan(3);
    expect(alert?.teams(makeAlertView()).card).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
    });
    expect(reply?.teams({ reply: 'resolve', alert: resolvedAlertView() }).text).toMatch(
      /^✅ \*\*Resolved\*\*/,
    );
    expect(() => alert?.slack({ headline: 'x' })).toThrow(/alertId/);
    expect(() => reply?.slack({ reply: 'later', alert: makeAlertView() })).toThrow(/alert_reply view/);
  });
});
