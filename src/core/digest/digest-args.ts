import { type Catalog, metricPhrases, normalizePhrase } from '../metrics/index.ts';
import type { Lang } from './types.ts';

/** What `/kpi digest …` asks for, once its words are read (EN and FR). */
export type DigestCommand =
  | {
      action: 'subscribe';
      /** null: keep the current one (or the default, Monday 08:30). */
      cron: string | null;
      /** An IANA zone given with tz:…; null: the user's or the tenant's. */
      tz: string | null;
      team: string | null;
      metrics: string[];
      dmReps: boolean;
    }
  | { action: 'preview'; team: string | null; metrics: string[] }
  | { action: 'list' }
  | { action: 'unsubscribe' }
  | { action: 'help' }
  | { action: 'error'; message: string };

type Action = Exclude<DigestCommand['action'], 'error'>;

const ACTIONS: ReadonlyArray<readonly [Action, readonly string[]]> = [
  ['subscribe', ['subscribe', 'sub', 'abonner', 'sabonner', 's abonner', 'abonnement', 'inscrire']],
  [
    'unsubscribe',
    ['unsubscribe', 'unsub', 'stop', 'desabonner', 'se desabonner', 'desabonnement', 'arreter'],
  ],
  ['list', ['list', 'liste', 'status', 'statut']],
  ['preview', ['preview', 'apercu', 'show', 'voir', 'now', 'maintenant']],
  ['help', ['help', 'aide']],
];

const DAYS: Record<string, string> = {
  monday: '1',
  mon: '1',
  lundi: '1',
  tuesday: '2',
  tue: '2',
  mardi: '2',
  wednesday: '3',
  wed: '3',
  mercredi: '3',
  thursday: '4',
  thu: '4',
  jeudi: '4',
  friday: '5',
  fri: '5',
  vendredi: '5',
  saturday: '6',
  sat: '6',
  samedi: '6',
  sunday: '0',
  sun: '0',
  dimanche: '0',
};
const EVERY_DAY = ['daily', 'every day', 'tous les jours', 'chaque jour', 'quotidien'];
const WEEKDAYS = ['weekdays', 'every weekday', 'en semaine', 'jours ouvres'];
const DM_REPS = ['dm reps', 'dm', 'dms', 'mp commerciaux', 'mp', 'dm commerciaux', 'par mp'];
/** Words that glue a schedule or a list together and mean nothing by themselves. */
const FILLER = new Set([
  'at',
  'a',
  'on',
  'le',
  'les',
  'and',
  'et',
  'every',
  'chaque',
  'with',
  'avec',
  'of',
  'de',
]);

/**
 * Reads `subscribe [monday 8:30 | cron <5 fields>] [team:x] [tz:Zone] [dm reps] [metrics…]`, `list`,
 * `unsubscribe`, `preview [team:x] [metrics…]` in English or French. Metrics are matched on their labels and
 * aliases (longest phrase first); an unknown word is an error naming it, never silently ignored.
 */
export function parseDigestArgs(args: string, catalog: Catalog, lang: Lang): DigestCommand {
  const tokens = tokenize(args);
  const words = tokens.map((t) => (t.quoted ? t.text : normalizePhrase(t.text)));
  let i = 0;
  let action: Action | null = null;
  for (const [name, phrases] of ACTIONS) {
    for (const phrase of phrases) {
      const n = phraseAt(words, 0, phrase);
      if (n > 0 && (action === null || n > i)) {
        action = name;
        i = n;
      }
    }
  }
  if (action === null) return words.length === 0 ? { action: 'help' } : unknownAction(words[0]!, lang);
  if (action === 'list' || action === 'unsubscribe' || action === 'help') {
    return i < words.length ? extraWords(words.slice(i), lang) : { action };
  }

  let day: string | null = null;
  let time: { h: number; m: number } | null = null;
  let cron: string | null = null;
  let team: string | null = null;
  let tz: string | null = null;
  let dmReps = false;
  const phrases = metricPhraseIndex(catalog, lang);
  const metrics: string[] = [];
  const unknown: string[] = [];
  while (i < words.length) {
    const raw = tokens[i]!.text;
    const word = words[i]!;
    const option = /^(team|equipe|équipe|tz|zone|fuseau)\s*:\s*(.*)$/i.exec(raw);
    if (option) {
      const key = normalizePhrase(option[1]!);
      let value = option[2]!.trim();
      if (value === '' && tokens[i + 1]) {
        i += 1;
        value = tokens[i]!.text;
      }
      if (key === 'team' || key === 'equipe') team = value;
      else tz = value;
      i += 1;
      continue;
    }
    if (word === 'cron' && action === 'subscribe') {
      const fields = tokens.slice(i + 1, i + 6).map((t) => t.text);
      cron = fields.join(' ');
      i += 1 + fields.length;
      continue;
    }
    const every = longest(words, i, EVERY_DAY);
    const weekdays = longest(words, i, WEEKDAYS);
    const dm = longest(words, i, DM_REPS);
    if (action === 'subscribe' && every > 0) {
      day = '*';
      i += every;
    } else if (action === 'subscribe' && weekdays > 0) {
      day = '1-5';
      i += weekdays;
    } else if (action === 'subscribe' && DAYS[word] !== undefined) {
      day = DAYS[word]!;
      i += 1;
    } else if (action === 'subscribe' && parseTime(raw)) {
      time = parseTime(raw);
      i += 1;
    } else if (action === 'subscribe' && dm > 0) {
      dmReps = true;
      i += dm;
    } else if (FILLER.has(word) || word === '') {
      i += 1;
    } else {
      const match = longestMetric(words, i, phrases);
      if (match) {
        if (!metrics.includes(match.metric)) metrics.push(match.metric);
        i += match.length;
      } else {
        unknown.push(raw);
        i += 1;
      }
    }
  }
  if (unknown.length > 0) {
    return {
      action: 'error',
      message:
        lang === 'fr'
          ? `Je ne comprends pas « ${unknown.join(' ')} » : indiquez des métriques (ex. « CA signé, rendez-vous »), un horaire (« lundi 8h30 ») ou team:nom.`
          : `I don't understand “${unknown.join(' ')}”: name metrics (e.g. “revenue, meetings”), a schedule (“monday 8:30”) or team:name.`,
    };
  }
  if (action === 'preview') return { action, team, metrics };
  if (day !== null || time !== null) {
    const t = time ?? { h: 8, m: 30 };
    cron = `${t.m} ${t.h} * * ${day ?? '1'}`;
  }
  return { action, cron, tz, team, metrics, dmReps };
}

interface Token {
  text: string;
  quoted: boolean;
}

/** Words, with "quoted phrases" (and team:"North America") kept whole. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /([^\s"“”,;]*)["“]([^"”]*)["”]|([^\s,;]+)/g;
  for (const m of text.matchAll(re)) {
    if (m[3] !== undefined) out.push({ text: m[3], quoted: false });
    else out.push({ text: `${m[1] ?? ''}${m[2] ?? ''}`, quoted: true });
  }
  return out;
}

/** 8:30, 08h30, 8h, 8am, 6.30pm → hour and minute; null when it is not a time. */
export function parseTime(text: string): { h: number; m: number } | null {
  const m = /^(\d{1,2})(?:[:h.](\d{2})?)?\s*(am|pm)?$/i.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined && !/h$/i.test(text.trim()))) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const ampm = m[3]?.toLowerCase();
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return { h, m: min };
}

function phraseAt(words: readonly string[], at: number, phrase: string): number {
  const parts = phrase.split(' ');
  return parts.every((p, k) => words[at + k] === p) ? parts.length : 0;
}

function longest(words: readonly string[], at: number, phrases: readonly string[]): number {
  return Math.max(0, ...phrases.map((p) => phraseAt(words, at, p)));
}

function metricPhraseIndex(catalog: Catalog, lang: Lang): Map<string, string> {
  const index = new Map<string, string>();
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  // The question's language first; the other one fills the gaps (a French user typing "win rate").
  for (const l of [lang, other]) {
    for (const metric of catalog.metrics) {
      for (const phrase of [...metricPhrases(metric, l), normalizePhrase(metric.name.replace(/_/g, ' '))]) {
        if (!index.has(phrase)) index.set(phrase, metric.name);
      }
    }
  }
  return index;
}

function longestMetric(
  words: readonly string[],
  at: number,
  phrases: ReadonlyMap<string, string>,
): { metric: string; length: number } | null {
  for (let n = Math.min(6, words.length - at); n > 0; n--) {
    const metric = phrases.get(words.slice(at, at + n).join(' '));
    if (metric) return { metric, length: n };
  }
  return null;
}

function unknownAction(word: string, lang: Lang): DigestCommand {
  return {
    action: 'error',
    message:
      lang === 'fr'
        ? `« ${word} » n’est pas une action du résumé : abonner, liste, désabonner ou aperçu.`
        : `“${word}” is not a digest action: subscribe, list, unsubscribe or preview.`,
  };
}

function extraWords(words: readonly string[], lang: Lang): DigestCommand {
  return {
    action: 'error',
    message:
      lang === 'fr'
        ? `Cette action ne prend pas d’autre mot (« ${words.join(' ')} »).`
        : `This action takes no other words (“${words.join(' ')}”).`,
  };
}
