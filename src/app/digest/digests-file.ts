import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { parse } from 'yaml';
import { z } from 'zod';
import { MAX_DIGEST_METRICS } from '../../core/digest/default-metrics.ts';
import { parseDigestArgs } from '../../core/digest/digest-args.ts';
import { cronProblem } from '../../core/digest/schedule.ts';
import type { Catalog } from '../../core/metrics/index.ts';
import { ensureTenant } from '../../store/tenants.ts';
import type { AppContext } from '../context.ts';
import { resolveScope } from '../resolve-scope.ts';
import { listSubscriptions, subscribe } from './subscriptions.ts';

/** A digests file that cannot be used: every problem, each naming its entry and field. */
export class DigestsFileError extends Error {
  override readonly name = 'DigestsFileError';
  readonly code = 'config_invalid';
  constructor(
    readonly path: string,
    readonly problems: readonly string[],
  ) {
    super([`Invalid digests file ${path} (KPIBOT_DIGESTS):`, ...problems.map((p) => `  - ${p}`)].join('\n'));
  }
}

const entrySchema = z
  .object({
    tenant: z.string().min(1).optional(),
    platform: z.enum(['slack', 'teams'], { error: 'must be slack or teams' }),
    /** A channel (Slack C…, a Teams conversation id) … */
    channel: z.string().min(1).optional(),
    /** … or a user, for a DM (Slack U…, a Teams user id). */
    user: z.string().min(1).optional(),
    /** "monday 8:30", "lundi 8h30", "weekdays 9:00" — or cron. */
    schedule: z.string().min(1).optional(),
    cron: z.string().min(1).optional(),
    tz: z.string().optional(),
    team: z.string().min(1).optional(),
    metrics: z.array(z.string().min(1)).max(MAX_DIGEST_METRICS).optional(),
    lang: z.enum(['en', 'fr'], { error: 'must be en or fr' }).optional(),
    dm_reps: z.boolean().optional(),
  })
  .strict();

export interface DigestFileEntry {
  tenant: string | null;
  platform: 'slack' | 'teams';
  target: string;
  isUser: boolean;
  cron: string | null;
  tz: string | null;
  team: string | null;
  metrics: string[];
  lang: 'en' | 'fr' | null;
  dmReps: boolean;
}

/**
 * Reads and validates KPIBOT_DIGESTS (YAML: a `digests:` list, or the list itself). Checked when the worker starts,
 * before anything runs: a wrong schedule, zone, metric or a duplicate target stops start-up with every problem.
 */
export function readDigestsFile(path: string, catalog: Catalog): DigestFileEntry[] {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DigestsFileError(path, [error instanceof Error ? error.message : String(error)]);
  }
  const list = Array.isArray(raw) ? raw : (raw as { digests?: unknown } | null)?.digests;
  if (!Array.isArray(list)) throw new DigestsFileError(path, ['expected a `digests:` list']);
  const problems: string[] = [];
  const entries: DigestFileEntry[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const at = `digests[${i}]`;
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
        problems.push(`${at}${field}: ${issue.message}`);
      }
      return;
    }
    const e = parsed.data;
    if (Boolean(e.channel) === Boolean(e.user)) {
      problems.push(
        `${at}: give either channel (a channel's digest) or user (a DM), not ${e.channel ? 'both' : 'neither'}`,
      );
      return;
    }
    if (e.schedule && e.cron) problems.push(`${at}: give schedule or cron, not both`);
    let cron = e.cron ?? null;
    if (e.schedule) {
      const read = parseDigestArgs(`subscribe ${e.schedule}`, catalog, e.lang ?? 'en');
      if (read.action !== 'subscribe' || read.cron === null) {
        problems.push(
          `${at}.schedule: “${e.schedule}” is not a schedule (e.g. “monday 8:30”, “weekdays 9:00”)`,
        );
      } else cron = read.cron;
    }
    if (e.tz && !IANAZone.isValidZone(e.tz)) problems.push(`${at}.tz: “${e.tz}” is not an IANA time zone`);
    const why = cron ? cronProblem(cron, e.tz ?? 'UTC') : null;
    if (why) problems.push(`${at}.cron: “${cron}”: ${why}`);
    for (const m of e.metrics ?? []) {
      if (!catalog.get(m))
        problems.push(`${at}.metrics: unknown metric “${m}” (kpibot ask "list" shows them)`);
    }
    const target = e.user ? (e.platform === 'teams' ? `user:${e.user}` : e.user) : e.channel!;
    const key = `${e.tenant ?? ''}|${e.platform}|${target}`;
    if (seen.has(key))
      problems.push(`${at}: a second digest for ${e.platform} ${target} (one per channel or user)`);
    seen.add(key);
    entries.push({
      tenant: e.tenant ?? null,
      platform: e.platform,
      target,
      isUser: Boolean(e.user),
      cron,
      tz: e.tz ?? null,
      team: e.team ?? null,
      metrics: e.metrics ?? [],
      lang: e.lang ?? null,
      dmReps: e.dm_reps ?? false,
    });
  });
  if (problems.length > 0) throw new DigestsFileError(path, problems);
  return entries;
}

/**
 * Makes the file's subscriptions exist (created or updated in place) and removes the ones an earlier version of the
 * file created that it no longer lists; subscriptions made in chat are left alone. Team names must exist.
 */
export async function applyDigestsFile(
  ctx: AppContext,
  path: string,
  entries: readonly DigestFileEntry[],
  defaultTenant: string,
): Promise<{ upserted: number; removed: number }> {
  const problems: string[] = [];
  const kept = new Set<string>();
  const system = {
    viewer: { repId: null, role: 'admin' as const, teamId: null, managedTeamIds: [] },
    rep: null,
  };
  for (const [i, e] of entries.entries()) {
    const tenantId = e.tenant ?? defaultTenant;
    const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
    let team: { id: string; name: string } | null = null;
    if (e.team) {
      const scope = await resolveScope(
        ctx.db.prisma,
        tenantId,
        { rep: null, team: e.team, channel: null },
        system,
        'en',
      );
      if ('code' in scope) {
        problems.push(`digests[${i}].team: ${scope.message}`);
        continue;
      }
      team = scope.team;
    }
    const sub = await subscribe(ctx.db.prisma, {
      tenantId,
      platform: e.platform,
      target: e.target,
      isUser: e.isUser,
      cron: e.cron,
      tz: e.tz ?? tenant.tz,
      scope: { teamId: team?.id ?? null, teamName: team?.name ?? null, dmReps: e.dmReps, source: 'file' },
      metrics: e.metrics,
      lang: e.lang,
      createdBy: 'KPIBOT_DIGESTS',
    });
    kept.add(sub.id);
  }
  if (problems.length > 0) throw new DigestsFileError(path, problems);
  let removed = 0;
  for (const sub of await listSubscriptions(ctx.db.prisma)) {
    if (sub.scope.source === 'file' && !kept.has(sub.id)) {
      await ctx.db.prisma.digestSubscription.deleteMany({ where: { id: sub.id, tenantId: sub.tenantId } });
      removed += 1;
    }
  }
  return { upserted: kept.size, removed };
}

/** At worker start: validate, then apply (KPIBOT_DIGESTS unset: nothing to do). */
export async function loadDigestsFile(
  ctx: AppContext,
  path: string | undefined,
  defaultTenant: string,
): Promise<{ upserted: number; removed: number } | null> {
  if (!path) return null;
  return applyDigestsFile(ctx, path, readDigestsFile(path, ctx.catalog), defaultTenant);
}
