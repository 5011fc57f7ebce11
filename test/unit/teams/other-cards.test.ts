import { describe, expect, it } from 'vitest';
import type { InfoReply } from '../../../src/app/ask.ts';
import {
  cardSize,
  renderComingSoonCard,
  renderErrorCard,
  renderInfoCard,
  TEAMS_CARD_MAX_BYTES,
} from '../../../src/teams/cards/index.ts';
import { cardProblems, cardTexts } from './card-validator.ts';

describe('renderInfoCard', () => {
  it('a list of 60 metrics: title, one line each, Slack bold turned into Teams bold', () => {
    const info: InfoReply = {
      kind: 'info',
      lang: 'en',
      title: '60 metrics available',
      lines: Array.from(
        { length: 60 },
        (_, i) => `*Metric ${i + 1}* (alias ${i}, m${i}) — Counts things of kind ${i}, by creation date`,
      ),
    };
    const card = renderInfoCard(info);
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts).toHaveLength(61);
    expect(texts[0]).toBe('60 metrics available');
    expect(texts[1]).toBe('**Metric 1** (alias 0, m0) — Counts things of kind 0, by creation date');
    expect(cardSize(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it('help: code spans become bold phrases without the /kpi a Teams user does not type', () => {
    const card = renderInfoCard({
      kind: 'info',
      lang: 'fr',
      title: 'kpibot — vos KPI',
      lines: [
        'Posez une question : `/kpi taux de conversion la semaine dernière`',
        '`/kpi liste` : toutes les métriques',
      ],
    });
    expect(cardTexts(card).slice(1)).toEqual([
      'Posez une question : **taux de conversion la semaine dernière**',
      '**liste** : toutes les métriques',
    ]);
    expect(card.content.lang).toBe('fr');
  });

  it('a list too long for one card is cut with the number left out', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `*Metric ${i}* — ${'a long definition '.repeat(8)}`);
    const card = renderInfoCard({ kind: 'info', lang: 'fr', title: '400 métriques', lines });
    expect(cardSize(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    const texts = cardTexts(card);
    const shown = texts.length - 2;
    expect(shown).toBeGreaterThan(50);
    expect(texts.at(-1)).toBe(`… et ${400 - shown} de plus`);
  });
});

describe('renderErrorCard', () => {
  it('an unknown metric: the message, and each suggestion as a button that asks for it', () => {
    const card = renderErrorCard({
      code: 'unknown_metric',
      lang: 'en',
      message:
        "I don't know the metric “wins”. Did you mean: Win rate, Deals won? Try `/kpi win rate last week`.",
      suggestions: ['Win rate', 'Deals won'],
    });
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([
      "I don't know the metric “wins”. Did you mean: Win rate, Deals won? Try **win rate last week**.",
      'Did you mean:',
    ]);
    expect(card.content.body[0]).not.toHaveProperty('color');
    expect(card.content.actions?.map((a) => [a.title, a.data])).toEqual([
      ['Win rate', { kpiAction: 'kpi_suggest', q: 'Win rate' }],
      ['Deals won', { kpiAction: 'kpi_suggest', q: 'Deals won' }],
    ]);
  });

  it('an internal error: attention colour, no buttons', () => {
    const card = renderErrorCard({
      code: 'internal_error',
      lang: 'fr',
      message: 'Je n’ai pas pu calculer.',
      suggestions: [],
    });
    expect(cardProblems(card)).toEqual([]);
    expect(card.content.body).toHaveLength(1);
    expect(card.content.body[0]).toMatchObject({ color: 'Attention' });
    expect(card.content.actions).toBeUndefined();
  });
});

describe('renderComingSoonCard', () => {
  it.each([
    ['alerts', 'en', '**alerts** is coming in a later release of kpibot.'],
    ['digest', 'fr', '**digest** arrive dans une prochaine version de kpibot.'],
  ] as const)('%s (%s)', (command, lang, text) => {
    const card = renderComingSoonCard(command, lang);
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe(text);
  });
});
