import type { InfoReply } from '../../app/ask.ts';
import {
  type CardElement,
  cardSize,
  TEAMS_CARD_MAX_BYTES,
  type TeamsCard,
  teamsCard,
} from './adaptive-card.ts';
import { andMore } from './card-labels.ts';
import { chatMarkdown, truncate } from './card-text.ts';

const MAX_LINE = 1000;

/** help, list, targets, whoami: a title and one line each; a list too long for one card ends with "… and N more". */
export function renderInfoCard(info: InfoReply): TeamsCard {
  const full = build(info, info.lines.length);
  if (cardSize(full) <= TEAMS_CARD_MAX_BYTES) return full;
  let fits = 0;
  let tooMany = info.lines.length;
  while (tooMany - fits > 1) {
    const middle = Math.floor((fits + tooMany) / 2);
    if (cardSize(build(info, middle)) <= TEAMS_CARD_MAX_BYTES) fits = middle;
    else tooMany = middle;
  }
  return build(info, fits);
}

function build(info: InfoReply, shown: number): TeamsCard {
  const title = truncate(chatMarkdown(info.title), 300);
  const body: CardElement[] = [
    { type: 'TextBlock', text: title, size: 'Medium', weight: 'Bolder', wrap: true },
  ];
  for (const line of info.lines.slice(0, shown)) {
    body.push({
      type: 'TextBlock',
      text: truncate(chatMarkdown(line), MAX_LINE),
      wrap: true,
      spacing: 'Small',
    });
  }
  if (shown < info.lines.length) {
    body.push({
      type: 'TextBlock',
      text: andMore(info.lines.length - shown, info.lang),
      isSubtle: true,
      size: 'Small',
      spacing: 'Small',
    });
  }
  return teamsCard(info.lang, title, body);
}
