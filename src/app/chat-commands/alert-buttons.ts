import type { AlertView, Lang } from '../../core/alerts/types.ts';
import type { Platform } from '../../generated/prisma/client.ts';
import { ensureTenant } from '../../store/tenants.ts';
import { viewForAudience } from '../alerts/alert-view.ts';
import { acknowledgeAlert, findAlertRule, findAlertState, snoozeAlert } from '../alerts/index.ts';
import { channelShowsRepDetail } from '../chat-ask.ts';
import { type ChatUserRef, identifyChatUser } from '../chat-identity.ts';
import type { AppContext } from '../context.ts';
import type { DeliveryDispatch } from '../delivery/index.ts';
import { resolveViewer } from '../viewer.ts';
import { alertSubject, mayActOnAlert, NO_SCOPE } from './alert-access.ts';
import { attempt } from './replies.ts';

const DAY_MS = 86_400_000;

export interface AlertButtonPress {
  tenantId: string;
  platform: Platform;
  user: ChatUserRef;
  /** Where the clicked message is: its copy is redrawn for that audience. */
  conversation: { id: string; kind: 'dm' | 'channel' | 'group' };
  stateId: string;
  action: 'ack' | 'snooze';
  /** Snooze length. */
  days?: number | undefined;
  now: Date;
  /** Sends the other copies' updates now; without it the outbox sweeper sends them within a minute. */
  dispatch?: DeliveryDispatch | undefined;
}

export type AlertButtonOutcome =
  | { ok: true; view: AlertView }
  | { ok: false; code: string; message: string; lang: Lang };

/**
 * Ack or Snooze from a chat button, whatever the platform: the clicking user as a rep (their identity, their
 * rights: the rep concerned, a manager of the team, an admin), then the alert changes and every copy of its
 * message is updated through the outbox. The view returned is the clicked copy's, for its audience (a channel
 * that may not show rep figures does not get a by-rep explanation).
 */
export async function pressAlertButton(
  ctx: AppContext,
  press: AlertButtonPress,
): Promise<AlertButtonOutcome> {
  const prisma = ctx.db.prisma;
  const identity = await identifyChatUser(ctx, press.user, press.now);
  const tenant = await ensureTenant(prisma, press.tenantId, ctx.tenantDefaults);
  const lang: Lang = identity.lang ?? (tenant.lang === 'fr' ? 'fr' : 'en');
  const fr = lang === 'fr';
  const state = await findAlertState(ctx, press.tenantId, press.stateId);
  if (!state) {
    return {
      ok: false,
      code: 'unknown_alert',
      lang,
      message: fr ? 'Cette alerte n’existe plus.' : 'This alert no longer exists.',
    };
  }
  const rule = await findAlertRule(ctx, press.tenantId, state.ruleId, lang).catch(() => null);
  const subject = await alertSubject(prisma, press.tenantId, rule?.spec ?? NO_SCOPE, state.scopeKey);
  const { viewer, rep } = await resolveViewer(prisma, press.tenantId, { repId: identity.repId });
  const right = mayActOnAlert(viewer, tenant.repVisibility, subject, lang);
  if (!right.allowed) return { ok: false, code: 'not_allowed', lang, message: right.message };
  // Shown on every copy of the message: the rep's name (only mapped reps may act).
  const by = rep?.name ?? press.user.userId;
  const opts = { lang, ...(press.dispatch ? { dispatch: press.dispatch } : {}) };
  const done = await attempt(() =>
    press.action === 'ack'
      ? acknowledgeAlert(ctx, press.tenantId, state.id, by, press.now, opts)
      : snoozeAlert(
          ctx,
          press.tenantId,
          state.id,
          new Date(press.now.getTime() + (press.days ?? 1) * DAY_MS),
          by,
          press.now,
          opts,
        ),
  );
  if (!done.ok) {
    const r = done.reply;
    return r.kind === 'error'
      ? { ok: false, code: r.code, message: r.message, lang: r.lang }
      : { ok: false, code: 'failed', message: '', lang };
  }
  const repDetail =
    press.conversation.kind === 'dm'
      ? tenant.repVisibility === 'open' ||
        viewer.role === 'admin' ||
        (subject.teamId !== null && viewer.managedTeamIds.includes(subject.teamId))
      : await channelShowsRepDetail(ctx, press.tenantId, press.conversation.id);
  return { ok: true, view: viewForAudience(done.value, repDetail) };
}
