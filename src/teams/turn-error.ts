import type { TurnContext } from 'botbuilder';
import type { Logger } from '../runtime/logger.ts';
import { activityFacts } from './activity-facts.ts';

/**
 * The adapter's last resort: an actionable log line for the operator (what, where, never a token or the message
 * text) and a short apology in the user's language, so nobody is left waiting on a silent bot.
 */
export function turnErrorHandler(log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const a = context.activity;
    const facts = activityFacts(a);
    log.error(
      {
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: a.type,
        activityId: a.id,
        conversationKind: facts.kind,
        conversationId: facts.conversationId,
        tenantId: facts.tenantId,
        channelId: a.channelId,
        statusCode: (error as { statusCode?: unknown }).statusCode,
      },
      'Teams turn failed',
    );
    if (a.type !== 'message' && a.type !== 'invoke') return;
    const fr = (a.locale ?? '').toLowerCase().startsWith('fr');
    try {
      await context.sendActivity(
        fr
          ? 'Désolé, quelque chose s’est mal passé de mon côté (c’est consigné pour l’équipe technique). Réessayez dans un instant, ou tapez « aide ».'
          : 'Sorry, something went wrong on my side (it is logged for the operators). Please try again in a moment, or type "help".',
      );
    } catch (sendError) {
      log.warn(
        { err: (sendError as Error).message, conversationId: facts.conversationId },
        'could not tell the user',
      );
    }
  };
}
