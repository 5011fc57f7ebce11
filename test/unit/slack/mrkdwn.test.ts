import { describe, expect, it } from 'vitest';
import { clampText, escapeMrkdwn, escapeMrkdwnKeepingMentions } from '../../../src/slack/blocks/index.ts';

describe('mrkdwn escaping', () => {
  it.each([
    ['R&D', 'R&amp;D'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['a < b > c & d', 'a &lt; b &gt; c &amp; d'],
    ['&amp;', '&amp;amp;'],
    ['*bold* `code` é 📈', '*bold* `code` é 📈'],
  ])('%s → %s', (raw, escaped) => {
    expect(escapeMrkdwn(raw)).toBe(escaped);
  });

  it('keeps Slack references in app-written text, escapes the rest', () => {
    expect(escapeMrkdwnKeepingMentions('<@U123ABC> is now Bob <Durand> & Co in <#C42|sales>')).toBe(
      '<@U123ABC> is now Bob &lt;Durand&gt; &amp; Co in <#C42|sales>',
    );
    expect(escapeMrkdwnKeepingMentions('<https://evil.example|click>')).toBe(
      '&lt;https://evil.example|click&gt;',
    );
  });
});

describe('clampText', () => {
  it('leaves short text alone', () => {
    expect(clampText('abc', 3)).toBe('abc');
  });

  it.each([
    ['plain', 'abcdefghij', 5, 'abcd…'],
    ['never half an emoji', 'abc📈def', 5, 'abc…'],
    ['never half an entity', 'ab&amp;cdef', 6, 'ab…'],
    ['never half a reference', 'hi <@U12345> there', 10, 'hi …'],
  ])('%s', (_name, text, max, expected) => {
    const out = clampText(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });
});
