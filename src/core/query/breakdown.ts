import type { TokenClaims } from './token-claims.ts';
import type { Breakdown } from './types.ts';
import { matchLongest } from './word-pattern.ts';

const CONNECTORS: ReadonlyArray<readonly [string, true]> = [
  [
    'broken|split|break|grouped|ventile|ventiles|ventilee|reparti|repartis|repartition|detail|detaille? down? by|per|par',
    true,
  ],
  ['for|pour? each|every|chaque', true],
];

const DIMENSIONS: ReadonlyArray<readonly [string, Breakdown]> = [
  [
    'the|le|la|les? rep|reps|salesperson|salespeople|seller|sellers|owner|owners|user|users|person|people|representative|representatives|member|members|commercial|commerciaux|commerciale|commerciales|vendeur|vendeurs|vendeuse|vendeuses|personne|personnes|collaborateur|collaborateurs',
    'rep',
  ],
  ['the|le|la|les|l? team|teams|equipe|equipes|squad|squads', 'team'],
  [
    'the|le|la|les? channel|channels|source|sources|canal|canaux|origin|origins|origine|origines|medium',
    'channel',
  ],
  ['the|le|la|les|l? stage|stages|step|steps|phase|phases|etape|etapes', 'stage'],
  ['the|le|la|les? campaign|campaigns|campagne|campagnes', 'campaign'],
  ['the|le|la|les? day|days|jour|jours|journee|journees', 'day'],
  ['the|le|la|les? week|weeks|semaine|semaines', 'week'],
  ['the|le|la|les? month|months|mois', 'month'],
  ['the|le|la|les? quarter|quarters|trimestre|trimestres', 'quarter'],
];

/** Finds "by rep", "per channel", "par commercial", "pour chaque équipe"...; the first one wins. */
export function extractBreakdown(claims: TokenClaims): Breakdown | null {
  const tokens = claims.tokens;
  for (let i = 0; i < tokens.length; i += 1) {
    const connector = matchLongest(tokens, i, CONNECTORS);
    if (!connector) continue;
    const dimension = matchLongest(tokens, i + connector.length, DIMENSIONS);
    const length = connector.length + (dimension?.length ?? 0);
    if (dimension && claims.isFree(i, length)) {
      claims.claim(i, length);
      return dimension.value;
    }
  }
  return null;
}
