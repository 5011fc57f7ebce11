import { defaultPeriod, type PeriodContext, previousPeriod } from '../core/periods/index.ts';
import { type Breakdown, detectLanguage, type KpiQuery, parseInput } from '../core/query/index.ts';
import type { CommandName } from '../core/query/types.ts';
import { type TenantSettings, tenantSettings } from '../store/tenants.ts';
import { type AnswerOutcome, answerQuery } from './answer-query.ts';
import type { AppContext } from './context.ts';
import { runInfoCommand } from './info-commands.ts';
import { tenantCurrency } from './tenant-currency.ts';
import { resolveViewer } from './viewer.ts';

export interface AskRequest {
  tenantId: string;
  text: string;
  /** Who asks: a rep by id or email, or the system (CLI without --user: sees everything). */
  user: { repId?: string | null; email?: string | null; system?: boolean };
  now: Date;
  /** Overrides the tenant's zone for this question (the user's own zone). */
  tz?: string | undefined;
  /** The user's locale; the question's own language wins when it is clear. */
  lang?: 'en' | 'fr' | undefined;
  /** Chat mentions to drop (the bot's own user id). */
  ignoreMentions?: string[];
  /** Maps a chat user mentioned in the question to a rep id (the platform looks them up). */
  resolveMention?: (userId: string) => Promise<string | null>;
  /** Follow-ups from buttons: the same question with another breakdown, or over the previous period. */
  overrides?: QueryOverrides;
}

export interface QueryOverrides {
  breakdown?: Breakdown | null;
  period?: 'previous';
}

export type InfoReply = { kind: 'info'; lang: 'en' | 'fr'; title: string; lines: string[] };
export type AskResult =
  | AnswerOutcome
  | InfoReply
  | { kind: 'command'; name: CommandName; args: string; lang: 'en' | 'fr' };

/** Chat text → an answer, an info reply (help, list, targets, whoami), a command for the caller, or an error. */
export async function ask(ctx: AppContext, req: AskRequest): Promise<AskResult> {
  // Independent lookups in parallel; the settings and the currency are remembered for a while (a round trip saved
  // on every question), the viewer is only needed for a query or a command.
  const [tenant, currency, identity] = await Promise.all([
    tenantSettings(ctx.db.prisma, req.tenantId, ctx.tenantDefaults) as Promise<TenantSettings>,
    tenantCurrency(ctx.db.prisma, req.tenantId),
    resolveViewer(ctx.db.prisma, req.tenantId, req.user),
  ]);
  const tz = req.tz ?? tenant.tz;
  const hint = req.lang ?? tenant.lang;
  const parsed = parseInput(req.text, {
    vocabulary: ctx.catalog.metrics,
    periodContext: { now: req.now, tz, weekStart: tenant.weekStart, fiscalYearStart: tenant.fiscalYearStart },
    lang: hint,
    ...(req.ignoreMentions ? { ignoreMentions: req.ignoreMentions } : {}),
  });
  if (parsed.kind === 'error') {
    const e = parsed.error;
    return {
      kind: 'error',
      code: e.code,
      message: `${e.message}`,
      lang: parsed.lang,
      suggestions: e.suggestions,
    };
  }
  if (parsed.kind === 'command') {
    const info = await runInfoCommand(ctx, parsed.name, parsed.args, {
      tenant,
      identity,
      lang: parsed.lang,
      now: req.now,
      tz,
    });
    return info ?? parsed;
  }
  const periodContext = {
    now: req.now,
    tz,
    weekStart: tenant.weekStart,
    fiscalYearStart: tenant.fiscalYearStart,
  };
  const query = applyOverrides(parsed.query, req.overrides, periodContext);
  try {
    return await answerQuery(ctx, query, {
      tenant,
      identity,
      now: req.now,
      tz,
      currency,
      resolveMention: req.resolveMention,
    });
  } catch (error) {
    ctx.log.error({ err: error, tenantId: tenant.id, text: req.text.slice(0, 200) }, 'answer failed');
    const lang = parsed.query.lang ?? detectLanguage(req.text, hint);
    return {
      kind: 'error',
      code: 'internal_error',
      message:
        lang === 'fr'
          ? 'Je n’ai pas pu calculer ce chiffre (erreur interne, consignée pour l’équipe technique). Réessayez dans un instant.'
          : "I couldn't compute that figure (an internal error, logged for the operators). Please try again in a moment.",
      lang,
      suggestions: [],
    };
  }
}

function applyOverrides(
  query: KpiQuery,
  overrides: QueryOverrides | undefined,
  ctx: PeriodContext,
): KpiQuery {
  if (!overrides) return query;
  const next = { ...query };
  if (overrides.breakdown !== undefined) next.breakdown = overrides.breakdown;
  if (overrides.period === 'previous') next.period = previousPeriod(query.period ?? defaultPeriod(ctx), ctx);
  return next;
}
