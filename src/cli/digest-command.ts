import { writeFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { deliveryDispatch } from '../../jobs/deliver.ts';
import { type DeliverJobData, QUEUE_PREFIX, QUEUES } from '../../jobs/queues.ts';
import type { AppContext } from '../app/context.ts';
import { deliverPending } from '../app/delivery/index.ts';
import { computeDigest } from '../app/digest/compose-inputs.ts';
import { describeInstant, describeSchedule, digestLines } from '../app/digest/digest-text.ts';
import { runDigest } from '../app/digest/run-digest.ts';
import { findSubscription, listSubscriptions, type Subscription } from '../app/digest/subscriptions.ts';
import { renderChartPng, SLACK_CHART_SIZE } from '../chart/chart-png.ts';
import { parseConfig } from '../config.ts';
import { nextRuns } from '../core/digest/schedule.ts';
import { createLogger } from '../runtime/logger.ts';
import { pingRedis } from '../runtime/redis.ts';
import { createSlackSender } from '../slack/delivery/slack-sender.ts';
import { ensureTenant } from '../store/tenants.ts';
import { createWorkerTeamsSender } from '../teams/teams-sender.ts';
import { openContext } from './boot.ts';
import { type CliIo, say } from './io.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

export const DIGEST_HELP = `Usage: kpibot digest preview [--subscription ID] [--team NAME] [--tenant T] [--now ISO] [--lang en|fr] [--png FILE]
       kpibot digest send [--subscription ID] [--tenant T] [--now ISO]
       kpibot digest list [--tenant T]

preview  prints the digest of the last complete week before --now (default: now) as text, and writes its chart
         to --png. With --subscription, exactly what that subscription would post (its zone, team, metrics,
         audience); without, the whole company's digest as a channel would see it.
send     runs the subscription now (or every subscription of the tenant) as the scheduler would at --now: writes
         the messages to the delivery outbox (once per subscription and week: a second send is a no-op) and hands
         them to the worker, or sends them from here when Redis does not answer.
list     the subscriptions with their schedule and next run.

Subscriptions are made in chat (/kpi digest subscribe) or listed in KPIBOT_DIGESTS (README, "Monday digest").`;

/** kpibot digest …: 0 ok, 1 a failure, 2 bad usage. */
export async function runDigestCli(
  argv: string[],
  io: CliIo,
  deps: { queuePrefix?: string } = {},
): Promise<number> {
  const { values, positionals } = parse(argv);
  const action = positionals[0];
  if (values.help || action === undefined) {
    say(io.stdout, DIGEST_HELP);
    return action === undefined && !values.help ? 2 : 0;
  }
  if (!['preview', 'send', 'list'].includes(action) || positionals.length > 1) {
    throw new UsageError(`Unknown digest action "${positionals.join(' ')}": use preview, send or list.`);
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--now "${values.now}" is not an ISO instant (e.g. 2026-11-16T08:30:00+01:00).`);
  if (values.lang && values.lang !== 'en' && values.lang !== 'fr')
    throw new UsageError('--lang must be en or fr.');
  const config = parseConfig(io.env);
  const tenantId = values.tenant ?? config.sync.tenant;
  const ctx = await openContext(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  try {
    const sub = values.subscription ? await findSubscriptionArg(ctx, tenantId, values.subscription) : null;
    if (action === 'list') return await list(ctx, io, tenantId, now);
    if (action === 'preview') {
      return await preview(ctx, io, tenantId, sub, now, {
        team: values.team ?? null,
        lang: (values.lang as 'en' | 'fr' | undefined) ?? null,
        png: values.png ?? null,
      });
    }
    const subs = sub ? [sub] : await listSubscriptions(ctx.db.prisma, tenantId);
    if (subs.length === 0) {
      say(
        io.stderr,
        `No digest subscription in tenant ${tenantId}: subscribe in chat (/kpi digest subscribe) or list them in KPIBOT_DIGESTS.`,
      );
      return 2;
    }
    return await send(ctx, io, subs, now, deps.queuePrefix ?? QUEUE_PREFIX);
  } finally {
    await ctx.db.close();
  }
}

async function findSubscriptionArg(ctx: AppContext, tenantId: string, ref: string): Promise<Subscription> {
  const all = await listSubscriptions(ctx.db.prisma, tenantId);
  const matches = all.filter((s) => s.id === ref || (ref.length >= 6 && s.id.startsWith(ref)));
  if (matches.length === 1) return matches[0]!;
  const byId = await findSubscription(ctx.db.prisma, tenantId, { id: ref });
  if (byId) return byId;
  throw new UsageError(
    matches.length > 1
      ? `--subscription ${ref} matches ${matches.length} subscriptions: give more of the id (kpibot digest list).`
      : `No digest subscription ${ref} in tenant ${tenantId} (kpibot digest list shows them).`,
  );
}

async function list(ctx: AppContext, io: CliIo, tenantId: string, now: Date): Promise<number> {
  const subs = await listSubscriptions(ctx.db.prisma, tenantId);
  if (subs.length === 0) say(io.stdout, `No digest subscription in tenant ${tenantId}.`);
  for (const s of subs) {
    const [next] = nextRuns(s.cron, s.tz, now, 1);
    say(
      io.stdout,
      `${s.id}  ${s.platform} ${s.isUser ? 'DM' : 'channel'} ${s.target}  ${describeSchedule(s.cron, 'en')} (${s.tz})` +
        `  ${s.scope.teamName ? `team ${s.scope.teamName}` : 'company'}${s.scope.dmReps ? ' + DMs to reps' : ''}` +
        `  next ${next ? describeInstant(next, s.tz, 'en') : '—'}`,
    );
  }
  return 0;
}

async function preview(
  ctx: AppContext,
  io: CliIo,
  tenantId: string,
  sub: Subscription | null,
  now: Date,
  opts: { team: string | null; lang: 'en' | 'fr' | null; png: string | null },
): Promise<number> {
  const tenant = await ensureTenant(ctx.db.prisma, tenantId, ctx.tenantDefaults);
  let teamId = sub?.scope.teamId ?? null;
  if (opts.team) {
    const team = await ctx.db.prisma.team.findFirst({
      where: { tenantId, name: { equals: opts.team, mode: 'insensitive' } },
    });
    if (!team) throw new UsageError(`No team "${opts.team}" in tenant ${tenantId}.`);
    teamId = team.id;
  }
  const computed = await computeDigest(ctx, {
    tenantId,
    at: now,
    tz: sub?.tz ?? tenant.tz,
    lang: opts.lang ?? sub?.lang ?? null,
    metrics: sub?.metrics ?? [],
    teamId,
    recipient:
      sub && !sub.isUser ? { kind: 'channel', channelId: sub.target } : { kind: 'channel', channelId: '' },
  });
  if (!computed.view) {
    say(
      io.stdout,
      computed.skipped === 'no_data'
        ? `No data for the week starting ${computed.week.start.toISOString()}: nothing would be posted.`
        : `Nothing would be posted (${computed.skipped}).`,
    );
    return 0;
  }
  say(io.stdout, [computed.view.title, ...digestLines(computed.view)].join('\n'));
  if (opts.png) {
    if (!computed.view.chart) say(io.stderr, 'No chart for this digest.');
    else {
      writeFileSync(opts.png, renderChartPng(computed.view.chart, SLACK_CHART_SIZE));
      say(
        io.stderr,
        `Chart written to ${opts.png} (${SLACK_CHART_SIZE.width}×${SLACK_CHART_SIZE.height} PNG).`,
      );
    }
  }
  return 0;
}

async function send(
  ctx: AppContext,
  io: CliIo,
  subs: Subscription[],
  now: Date,
  prefix: string,
): Promise<number> {
  const ids: string[] = [];
  for (const s of subs) {
    const summary = await runDigest(ctx, s.tenantId, s.id, { at: now });
    ids.push(...summary.deliveryIds);
    say(
      io.stdout,
      `${s.id}: week of ${summary.periodStart ?? '—'}: message ${summary.message}` +
        (s.scope.dmReps
          ? `, DMs ${summary.dms.enqueued} new, ${summary.dms.alreadyQueued} already queued, ${summary.dms.noData} without data, ${summary.dms.unreachable} without a chat account`
          : ''),
    );
  }
  if (ids.length === 0) return 0;
  if (await pingRedis(ctx.config.redisUrl, 500)) {
    const queue = new Queue<DeliverJobData>(QUEUES.deliver, {
      connection: { url: ctx.config.redisUrl },
      prefix,
    });
    try {
      await deliveryDispatch(queue)(ids);
    } finally {
      await queue.close();
    }
    say(io.stderr, `${ids.length} message(s) handed to the worker's deliver queue.`);
    return 0;
  }
  const summary = await deliverPending(ctx, {
    slack: createSlackSender(ctx) ?? undefined,
    teams: ctx.config.teams.appId ? createWorkerTeamsSender(ctx) : undefined,
  });
  say(
    io.stderr,
    `Sent from here (Redis did not answer): ${summary.sent} sent, ${summary.failed} failed, ${summary.pending} left for a worker.`,
  );
  return summary.failed > 0 ? 1 : 0;
}

function parse(argv: string[]) {
  return parseCommandArgs('digest', argv, {
    tenant: { type: 'string' },
    now: { type: 'string' },
    subscription: { type: 'string' },
    team: { type: 'string' },
    lang: { type: 'string' },
    png: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
}
