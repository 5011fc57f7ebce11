import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../runtime/logger.ts';

const SLACK_TOKEN = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

/**
 * Bolt, the Web API client and the OAuth installer log through our pino logger. Their messages are strings;
 * anything that looks like a Slack token is masked before it is written, as a last line of defence.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    if (!child.isLevelEnabled(level)) return;
    const err = parts.find((p): p is Error => p instanceof Error);
    const text = parts
      .filter((p) => !(p instanceof Error))
      .map((p) => (typeof p === 'string' ? p : safeJson(p)))
      .join(' ')
      .replace(SLACK_TOKEN, '***');
    if (err)
      child[level]({ err: { message: err.message.replace(SLACK_TOKEN, '***'), name: err.name } }, text);
    else child[level](text);
  };
  return {
    debug: (...msg: unknown[]) => write('debug', msg),
    info: (...msg: unknown[]) => write('info', msg),
    warn: (...msg: unknown[]) => write('warn', msg),
    error: (...msg: unknown[]) => write('error', msg),
    // Our LOG_LEVEL decides; Bolt's own level setting is ignored.
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
