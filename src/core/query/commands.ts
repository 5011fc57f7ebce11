import type { Token } from './tokenize.ts';
import type { CommandName } from './types.ts';

/** Word sequences (accent-free) that open a subcommand; the longest one wins. */
const COMMAND_WORDS: ReadonlyArray<readonly [CommandName, readonly string[]]> = [
  ['help', ['help']],
  ['help', ['aide']],
  ['help', ['usage']],
  ['list', ['list']],
  ['list', ['liste']],
  ['targets', ['targets']],
  ['targets', ['objectifs']],
  ['whoami', ['whoami']],
  ['whoami', ['who', 'am', 'i']],
  ['whoami', ['qui', 'suis', 'je']],
  ['alerts', ['alerts']],
  ['alerts', ['alert']],
  ['alerts', ['alertes']],
  ['alerts', ['alerte']],
  ['digest', ['digest']],
  ['sync', ['sync']],
  ['sync', ['synchro']],
  ['map', ['map']],
  ['why', ['why']],
  ['why', ['pourquoi']],
];

/** Words one may type before the subcommand without changing it: "/kpi kpi help", "kpibot aide". */
const LEADING_PREFIXES = new Set(['kpi', 'kpibot']);

export interface CommandMatch {
  name: CommandName;
  /** Everything after the subcommand words, as typed (other code parses it). */
  args: string;
}

export function matchCommand(tokens: readonly Token[], text: string): CommandMatch | null {
  let first = 0;
  while (first < tokens.length && LEADING_PREFIXES.has(tokens[first]?.word ?? '')) first += 1;
  let best: { name: CommandName; end: number; length: number } | null = null;
  for (const [name, words] of COMMAND_WORDS) {
    if (best && best.length >= words.length) continue;
    const matched = words.every((w, i) => tokens[first + i]?.word === w);
    const last = tokens[first + words.length - 1];
    if (matched && last) best = { name, end: last.end, length: words.length };
  }
  if (!best) return null;
  return { name: best.name, args: text.slice(best.end).trim() };
}
