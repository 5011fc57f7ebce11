import { type Activity, type Mention, TurnContext } from 'botbuilder';

/** The question without the bot's own @mention ("<at>kpibot</at> win rate" → "win rate"). */
export function questionText(activity: Partial<Activity>): string {
  // removeRecipientMention edits the activity it is given: work on a copy.
  const copy = { ...activity, text: activity.text ?? '' };
  const text = activity.recipient?.id ? TurnContext.removeRecipientMention(copy) : copy.text;
  return (text ?? '').replace(/&nbsp;/g, ' ').trim();
}

/** Other users mentioned in the question: the `<at>…</at>` markup as it appears in the text, and their Teams id. */
export function userMentions(activity: Partial<Activity>): Array<{ markup: string; userId: string }> {
  return TurnContext.getMentions(activity)
    .filter((m: Mention) => m.mentioned?.id && m.mentioned.id !== activity.recipient?.id && m.text)
    .map((m: Mention) => ({ markup: m.text, userId: m.mentioned.id }));
}
