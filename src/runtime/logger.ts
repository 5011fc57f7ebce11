import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** JSON logs (pino) on stderr, or into a file when the terminal is busy with the demo chat. Secrets never get
 * here: config values are not logged, and known secret-bearing keys are redacted as a second line of defence. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kpibot' },
      redact: {
        paths: [
          'token',
          'botToken',
          '*.token',
          '*.botToken',
          'password',
          '*.password',
          'authorization',
          '*.authorization',
        ],
        censor: '***',
      },
    },
    destination ?? pino.destination(2),
  );
}

export function fileLogger(level: string, file: string): Logger {
  return createLogger(level, pino.destination({ dest: file, mkdir: true, sync: false }));
}
