import type { Lang } from '../../core/alerts/types.ts';
import type { Platform } from '../../generated/prisma/client.ts';
import type { AskResult } from '../ask.ts';
import type { AppContext } from '../context.ts';
import type { ViewerIdentity } from '../viewer.ts';

/** Who typed a command, where, and when: the same for Slack, Teams and the terminal. */
export interface ChatCommandEnv {
  tenantId: string;
  /** The chat platform, or null in the terminal (`kpibot ask`, the demo's chat). */
  platform: Platform | null;
  /** Where it was typed: new rules are posted there unless they say otherwise. Null in the terminal. */
  conversation: { id: string; kind: 'dm' | 'channel' | 'group' } | null;
  /** The asker as the access rules see them (the terminal is the system: an admin). */
  identity: ViewerIdentity;
  /** Recorded as a rule's creator and an alert's acknowledger: the rep id, else `<platform>:<user id>`, or `cli`. */
  actor: string;
  lang: Lang;
  now: Date;
  /** Maps a chat user mentioned in the command (<@U…>) to a rep id. */
  resolveMention?: ((userId: string) => Promise<string | null>) | undefined;
}

/** A chat command's arguments (everything after its words) → the reply, in the command's language. */
export type ChatCommand = (ctx: AppContext, args: string, env: ChatCommandEnv) => Promise<AskResult>;
