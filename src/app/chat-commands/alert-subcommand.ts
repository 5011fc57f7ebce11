import type { Lang } from '../../core/alerts/types.ts';

export type AlertSubcommand = 'add' | 'list' | 'mute' | 'unmute' | 'delete' | 'help';

/** The words that open each subcommand, folded (lower case, no accents), EN and FR. */
const WORDS: ReadonlyArray<readonly [AlertSubcommand, readonly string[]]> = [
  ['add', ['add', 'new', 'create', 'ajouter', 'ajoute', 'ajout', 'nouvelle', 'creer', 'cree']],
  ['list', ['list', 'ls', 'show', 'liste', 'lister', 'voir']],
  ['mute', ['mute', 'pause', 'silence', 'muet', 'couper', 'suspendre']],
  ['unmute', ['unmute', 'resume', 'unpause', 'reprendre', 'reprise', 'reactiver', 'retablir']],
  ['delete', ['delete', 'remove', 'rm', 'del', 'supprimer', 'supprime', 'effacer', 'retirer']],
  ['help', ['help', 'aide', 'usage', '?']],
];

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * `/kpi alerts <args>` → the subcommand and the rest as typed. No words = list. Words that are no subcommand come
 * back as `unknown` with the whole text: it is often a rule typed without "add".
 */
export function readAlertSubcommand(
  args: string,
): { sub: AlertSubcommand; rest: string } | { sub: 'unknown'; rest: string } {
  const text = args.trim();
  if (text === '') return { sub: 'list', rest: '' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const first = fold(match?.[1] ?? '').replace(/[:.,;]+$/, '');
  const rest = (match?.[2] ?? '').trim();
  for (const [sub, words] of WORDS) if (words.includes(first)) return { sub, rest };
  return { sub: 'unknown', rest: text };
}

/** How each subcommand is typed in the command's language, for usage lines and hints. */
export function alertUsage(lang: Lang): string[] {
  return lang === 'fr'
    ? [
        '`/kpi alertes ajouter <règle>` — par exemple `/kpi alertes ajouter taux de réussite baisse de 20 % vs semaine précédente équipe Paris`',
        '`/kpi alertes` ou `/kpi alertes liste` — les règles et leurs alertes en cours',
        '`/kpi alertes pause <id ou nom>` · `/kpi alertes reprendre <id ou nom>` · `/kpi alertes supprimer <id ou nom>`',
        '`/kpi pourquoi <id d’alerte>` — pourquoi une alerte s’est déclenchée (ou non)',
      ]
    : [
        '`/kpi alerts add <rule>` — e.g. `/kpi alerts add win rate drops 20% vs previous week team Paris`',
        '`/kpi alerts` or `/kpi alerts list` — the rules and their open alerts',
        '`/kpi alerts mute <id or name>` · `/kpi alerts unmute <id or name>` · `/kpi alerts delete <id or name>`',
        '`/kpi why <alert id>` — why an alert fired (or did not)',
      ];
}
