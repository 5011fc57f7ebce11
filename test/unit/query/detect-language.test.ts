import { describe, expect, it } from 'vitest';
import { detectLanguage, type Lang } from '../../../src/core/query/index.ts';

describe('detectLanguage', () => {
  it.each([
    ['conversion last week', undefined, 'en'],
    ['what is our win rate?', 'fr', 'en'],
    ['combien de rdv hier ?', undefined, 'fr'],
    ['quel est notre taux de conversion', 'en', 'fr'],
    ['CA signé', undefined, 'fr'],
    ['leads la semaine dernière', 'en', 'fr'],
    ['qui suis-je', undefined, 'fr'],
    ['pipeline', undefined, 'en'],
    ['pipeline', 'fr', 'fr'],
    ['NPS', 'en', 'en'],
    ['', 'fr', 'fr'],
    ['конверсия', undefined, 'en'],
  ] as const)('%j (hint %s) → %s', (text: string, hint: Lang | undefined, expected: Lang) => {
    expect(detectLanguage(text, hint)).toBe(expected);
  });
});
