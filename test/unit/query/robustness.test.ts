import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, type ParsedInput } from '../../../src/core/query/index.ts';
import { parse, parseError } from './parse-helpers.ts';

/** Deterministic pseudo-random numbers (mulberry32), so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'leads',
  'taux',
  'de',
  'conversion',
  'vs',
  'par',
  'by',
  'team',
  ':',
  'équipe',
  '<@U1|a>',
  '<#C1|x>',
  '<',
  '>',
  '@',
  '|',
  'last',
  'week',
  'la',
  'semaine',
  'dernière',
  '"',
  '«',
  "'",
  '→',
  '🚀',
  'конверсия',
  '\u0000',
  '\uD800',
  ' ',
  '  ',
  '\n',
  'mailto:',
  'x@y.zz',
  'for',
  'pour',
  'moi',
  'channel',
  'Q3',
  'T3',
  '1er',
  'mars',
  'depuis',
  '%',
  'rdv',
  'help',
  'rep',
  '-',
  'N-1',
  'l’an',
  'objectif',
];

function isWellFormed(parsed: ParsedInput): boolean {
  switch (parsed.kind) {
    case 'query':
      return typeof parsed.query.metric === 'string' && Array.isArray(parsed.query.compare);
    case 'command':
      return typeof parsed.args === 'string';
    case 'error':
      return parsed.error.message.length > 0 && parsed.error.suggestions.length <= 3;
  }
}

describe('hostile or odd input', () => {
  // No timed assertion (npm test runs on loaded machines): a pathological parse shows up as this test's timeout.
  it('refuses 10,000 characters of garbage without throwing', () => {
    const next = random(1);
    const garbage = Array.from({ length: 10_000 }, () =>
      String.fromCharCode(32 + Math.floor(next() * 0x2fff)),
    ).join('');
    const error = parseError(garbage);
    expect(error.code).toBe('too_long');
    expect(error.message).toContain(String(MAX_INPUT_CHARS));
  });

  it('refuses long French text in French', () => {
    expect(parseError(`combien de rendez-vous ${'la semaine dernière '.repeat(40)}`)).toMatchObject({
      code: 'too_long',
      lang: 'fr',
    });
  });

  it('handles the longest accepted question', () => {
    const text = 'taux de conversion par canal vs objectif '.repeat(20).slice(0, MAX_INPUT_CHARS);
    expect(isWellFormed(parse(text))).toBe(true);
  });

  it.each([
    ['emoji only', '📈📉🚀'],
    ['Cyrillic', 'конверсия за прошлую неделю'],
    ['Chinese', '上周的转化率'],
    ['SQL', "'; DROP TABLE metrics; --"],
    ['HTML', '<script>alert(1)</script>'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['lone surrogate', '\uD800 \uDFFF'],
    ['unclosed markup', '<@U123|alice conversion'],
    ['only punctuation', '?!?!...;;;'],
  ])('%s', (_name, text) => {
    expect(() => parse(text)).not.toThrow();
    expect(isWellFormed(parse(text))).toBe(true);
  });

  it('reads words out of text that merely looks like SQL', () => {
    expect(parse('leads; DROP TABLE users --')).toMatchObject({
      kind: 'query',
      query: { metric: 'qualified_leads', ignoredWords: ['DROP', 'TABLE', 'users'] },
    });
    expect(parseError("'; DROP TABLE metrics; --").code).toBe('unknown_metric');
  });

  it('gives an unknown-metric error for a foreign alphabet, with no made-up suggestion', () => {
    const error = parseError('конверсия за прошлую неделю');
    expect(error.code).toBe('unknown_metric');
    expect(error.suggestions).toEqual([]);
  });

  it('accepts a non-string at run time (JavaScript callers) as empty input', () => {
    expect(parse(undefined as unknown as string)).toMatchObject({ kind: 'command', name: 'help' });
  });

  it('never throws on 2,000 random mixes of meaningful and hostile pieces', () => {
    const next = random(42);
    for (let i = 0; i < 2000; i += 1) {
      const count = 1 + Math.floor(next() * 12);
      const text = Array.from({ length: count }, () => PIECES[Math.floor(next() * PIECES.length)]).join(
        next() < 0.5 ? ' ' : '',
      );
      let parsed: ParsedInput | undefined;
      expect(() => {
        parsed = parse(text);
      }, text).not.toThrow();
      expect(parsed && isWellFormed(parsed), text).toBe(true);
    }
  });
});
