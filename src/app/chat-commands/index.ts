import type { CommandName } from '../../core/query/types.ts';
import type { AskResult } from '../ask.ts';
import type { AppContext } from '../context.ts';
import { digestChatCommand } from '../digest/digest-chat-command.ts';
import { alertsCommand } from './alerts-command.ts';
import type { ChatCommand, ChatCommandEnv } from './types.ts';
import { whyCommand } from './why-command.ts';

export type { ChatCommand, ChatCommandEnv } from './types.ts';

/**
 * Chat commands that act (rather than inform, see info-commands.ts), for every platform and the terminal. Adding
 * one is one line here; ask() returns `{ kind: 'command', name, args }` for it and chatAsk / the CLI run it.
 */
const COMMANDS: Partial<Record<CommandName, ChatCommand>> = {
  alerts: alertsCommand,
  why: whyCommand,
  digest: digestChatCommand,
};

export function hasChatCommand(name: CommandName): boolean {
  return COMMANDS[name] !== undefined;
}

/** Runs a command ask() handed back; null when no command of that name is registered (yet). */
export async function runChatCommand(
  ctx: AppContext,
  command: { name: CommandName; args: string },
  env: ChatCommandEnv,
): Promise<AskResult | null> {
  const run = COMMANDS[command.name];
  return run ? run(ctx, command.args, env) : null;
}
