import { type AskRequest, type AskResult, ask } from '../app/ask.ts';
import { hasChatCommand, runChatCommand } from '../app/chat-commands/index.ts';
import type { AppContext } from '../app/context.ts';
import { resolveViewer } from '../app/viewer.ts';

/**
 * A question typed in the terminal (`kpibot ask`, the demo's `kpi>` chat): ask() as in chat, then the chat
 * commands it hands back (`alerts …`, `why …`) run as the same user — the system (an admin) unless `--user`.
 * There is no conversation here: a rule must say where to tell (`to #channel`, `dm owner`).
 */
export async function askInTerminal(ctx: AppContext, req: AskRequest): Promise<AskResult> {
  const result = await ask(ctx, req);
  if (result.kind !== 'command' || !hasChatCommand(result.name)) return result;
  const identity = await resolveViewer(ctx.db.prisma, req.tenantId, req.user);
  const reply = await runChatCommand(ctx, result, {
    tenantId: req.tenantId,
    platform: null,
    conversation: null,
    identity,
    actor: identity.rep?.id ?? 'cli',
    lang: result.lang,
    now: req.now,
  });
  return reply ?? result;
}
