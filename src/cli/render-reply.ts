import type { AskResult } from '../app/ask.ts';
import { renderAnswerText } from './render-answer.ts';

/** Any reply of `ask` as terminal text; the exit code the CLI uses for it. */
export function renderReplyText(result: AskResult): { text: string; exitCode: number } {
  switch (result.kind) {
    case 'answer':
      return { text: renderAnswerText(result.answer), exitCode: 0 };
    case 'info':
      return { text: [result.title, ...result.lines.map((l) => `  ${l}`)].join('\n'), exitCode: 0 };
    case 'error':
      return { text: result.message, exitCode: result.code === 'internal_error' ? 1 : 2 };
    case 'command':
      return {
        text:
          result.lang === 'fr'
            ? `« ${result.name} » arrive dans une prochaine version de kpibot.`
            : `“${result.name}” is coming in a later kpibot release.`,
        exitCode: 2,
      };
  }
}
