import { type TeamsCard, teamsCard } from './adaptive-card.ts';
import { comingSoon, LABELS } from './card-labels.ts';
import { plainText, truncate } from './card-text.ts';

/** A recognised command that no chat handler answers (yet): says so and points to help. */
export function renderComingSoonCard(command: string, lang: 'en' | 'fr'): TeamsCard {
  const text = comingSoon(truncate(plainText(command), 60), lang);
  return teamsCard(lang, text, [
    { type: 'TextBlock', text, wrap: true },
    { type: 'TextBlock', text: LABELS.tryHelp[lang], isSubtle: true, size: 'Small', wrap: true },
  ]);
}
