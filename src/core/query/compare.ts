import type { TokenClaims } from './token-claims.ts';
import type { Compare } from './types.ts';
import { matchLongest } from './word-pattern.ts';

const CONNECTORS: ReadonlyArray<readonly [string, true]> = [
  ['vs|versus|against|contre', true],
  ['compared|comparing|comparison to|with|against', true],
  ['compare|comparee|compares|comparaison a|au|aux|avec', true],
  ['par|en rapport a|au|aux', true],
];

const TARGETS: ReadonlyArray<readonly [string, Compare]> = [
  ['the? same period|week|month|quarter|time last|previous|a year', 'last_year'],
  ['the? last|previous|prior year', 'last_year'],
  ['a year ago', 'last_year'],
  ['ly|py|yoy|n1', 'last_year'],
  ['n 1', 'last_year'],
  ['la|le|l? meme periode l|la? an|annee dernier|derniere|precedente|precedent|passee', 'last_year'],
  ['l|la|le? an|annee dernier|derniere|precedente|precedent|passee|passe', 'last_year'],
  ['the? previous|prior|preceding|prev|last period|week|month|quarter|day|one?', 'previous'],
  [
    'la|le|l? periode|semaine|mois|trimestre|jour|semestre precedente|precedent|derniere|dernier|passee|passe',
    'previous',
  ],
  ['la|le|l? precedente|precedent|before', 'previous'],
  ['la? veille', 'previous'],
  [
    'the|l|les|la|le? target|objective|goal|plan|quota|budget|objectif|cible|obj|targets|objectives|goals',
    'target',
  ],
  ['plans|quotas|budgets|objectifs|cibles', 'target'],
];

/** Comparisons named without "vs": "yoy", "week over week". */
const STANDALONE: ReadonlyArray<readonly [string, Compare]> = [
  ['yoy', 'last_year'],
  ['year over|on year', 'last_year'],
  ['glissement annuel', 'last_year'],
  ['wow|mom|qoq|pop', 'previous'],
  ['week|month|quarter|period over|on week|month|quarter|period', 'previous'],
];

const JOINERS = new Set(['and', 'et', 'plus', 'vs', 'versus', 'or', 'ou']);

/** Finds "vs previous", "vs l'an dernier", "par rapport à l'objectif", "vs target and last year"... */
export function extractComparisons(claims: TokenClaims): Compare[] {
  const found: Compare[] = [];
  const tokens = claims.tokens;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!claims.isFree(i)) continue;
    const standalone = matchLongest(tokens, i, STANDALONE);
    if (standalone && claims.isFree(i, standalone.length)) {
      claims.claim(i, standalone.length);
      if (!found.includes(standalone.value)) found.push(standalone.value);
      continue;
    }
    const connector = matchLongest(tokens, i, CONNECTORS);
    if (!connector || !claims.isFree(i, connector.length)) continue;
    // A dangling "vs" is claimed too: it means nothing on its own.
    claims.claim(i, connector.length);
    let at = i + connector.length;
    let target = matchLongest(tokens, at, TARGETS);
    while (target && claims.isFree(at, target.length)) {
      claims.claim(at, target.length);
      if (!found.includes(target.value)) found.push(target.value);
      at += target.length;
      const joiner = JOINERS.has(tokens[at]?.word ?? '') ? 1 : 0;
      target = matchLongest(tokens, at + joiner, TARGETS);
      if (target) {
        claims.claim(at, joiner);
        at += joiner;
      }
    }
  }
  return found;
}
