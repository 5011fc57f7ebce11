import type { Context } from '@slack/bolt';
import type { AppContext } from '../app/context.ts';
import type { DeliveryDispatch } from '../app/delivery/index.ts';
import type { PrismaInstallationStore } from './installation-store.ts';

/** What every Slack listener gets, wired once by createSlack. */
export interface SlackDeps {
  readonly ctx: AppContext;
  /** The tenant a request belongs to ('default' in single-workspace mode); null when it cannot be told. */
  tenantOf(context: Context): string | null;
  /** The clock questions are answered at (tests pin it to the fixture's "now"). */
  now(): Date;
  /** A /kpi answer ready within this many ms goes in the ack; a slower one through response_url. */
  readonly ackBudgetMs: number;
  /** Multi-workspace mode only. */
  readonly installations: PrismaInstallationStore | null;
  /** Sends outbox rows a click wrote (the alert's other copies) at once; without it the worker's sweeper does. */
  readonly dispatch?: DeliveryDispatch | undefined;
}
