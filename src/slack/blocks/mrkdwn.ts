/**
 * Text that goes into Slack mrkdwn. Slack parses `&`, `<` and `>` as control characters in every text object, so
 * user data (rep and team names, questions, metric labels from a tenant's file) is escaped before it is embedded.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack's own references, kept as they are: <@U…> users, <#C…> channels, <!subteam^…> groups, <!here>. */
const SLACK_REFERENCE =
  /<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+|!subteam\^[A-Z0-9]+|!here|!channel|!everyone)(?:\|[^<>]*)?>/g;

/** For app-written mrkdwn that may mention users (`<@U123> is now Alice`) around user data. */
export function escapeMrkdwnKeepingMentions(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SLACK_REFERENCE)) {
    out += escapeMrkdwn(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeMrkdwn(text.slice(last));
}

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters (UTF-16 units, as the limits count them), ending with "…" when cut. Never
 * splits a surrogate pair, an escape entity (`&amp;`) or a Slack reference (`<@U…>`), which Slack would show raw.
 */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,4}$/, '').replace(/<[^<>]*$/, '');
  return cut + ELLIPSIS;
}

/** The same label cut to `width` characters then padded, so that monospace columns line up. */
export function fitColumn(text: string, width: number): string {
  const cut = text.length > width ? clampText(text, width) : text;
  return cut.padEnd(width);
}
