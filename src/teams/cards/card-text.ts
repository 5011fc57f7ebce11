/**
 * Text going into a TextBlock. Adaptive Cards always read TextBlock text as (a subset of) Markdown, so data we did not
 * write — rep names, campaign labels, questions — is neutralised: a label must not turn into a link or a list. Emphasis
 * is left alone: Teams clients disagree on backslash escapes, and a stray italic beats a visible backslash in a name.
 */
const ZERO_WIDTH_SPACE = '\u200b';

export function plainText(text: string): string {
  return text
    .replace(/\]\(/g, `]${ZERO_WIDTH_SPACE}(`)
    .replace(/^(\s*)(\d+[.)]|[-+#>])(\s)/, `$1${ZERO_WIDTH_SPACE}$2$3`)
    .replace(/[\r\n]+/g, ' ');
}

/**
 * Our own chat messages (help, errors) are written in Slack's mrkdwn: `*bold*` and `` `code` ``. In Teams `*x*` would
 * be italic and code spans are not rendered, so bold stays bold and a code span becomes a bold phrase; the `/kpi`
 * prefix is dropped because in Teams one writes to the bot (or @mentions it) instead of using a slash command.
 */
export function chatMarkdown(text: string): string {
  return text
    .replace(/`\/kpi\s+([^`]+)`/g, (_m, inner: string) => `**${inner.trim()}**`)
    .replace(/`([^`]+)`/g, (_m, inner: string) => `**${inner.trim()}**`)
    .replace(
      /(^|[^*\w])\*([^*\n]+)\*(?=[^*\w]|$)/g,
      (_m, before: string, inner: string) => `${before}**${inner}**`,
    );
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` UTF-16 code units, ending with "…" when cut, never inside an emoji or an accented letter. Counting
 * code units rather than characters keeps every cut text's size bounded, which the card size budget relies on.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}
