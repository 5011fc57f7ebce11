import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerAlertAckAction } from './actions/alert-ack.ts';
import { registerAlertBreakdownAction } from './actions/alert-breakdown.ts';
import { registerAlertSnoozeAction } from './actions/alert-snooze.ts';
import { registerBreakdownAction } from './actions/breakdown.ts';
import { registerPreviousAction } from './actions/previous.ts';
import { registerShareAction } from './actions/share.ts';
import { registerSuggestAction } from './actions/suggest.ts';
import { registerKpiCommand } from './commands/kpi.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import { registerAppMention } from './events/app-mention.ts';
import { registerAppUninstalled } from './events/app-uninstalled.ts';
import { registerMessageIm } from './events/message-im.ts';
import { registerTokensRevoked } from './events/tokens-revoked.ts';

/** Every Slack listener kpibot has, one per file: parse → use case → render. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerKpiCommand(app, deps);
  registerAppMention(app, deps);
  registerMessageIm(app, deps);
  registerAppHomeOpened(app, deps);
  registerAppUninstalled(app, deps);
  registerTokensRevoked(app, deps);
  registerBreakdownAction(app, deps);
  registerPreviousAction(app, deps);
  registerShareAction(app, deps);
  registerSuggestAction(app, deps);
  registerAlertAckAction(app, deps);
  registerAlertSnoozeAction(app, deps);
  registerAlertBreakdownAction(app, deps);
}
