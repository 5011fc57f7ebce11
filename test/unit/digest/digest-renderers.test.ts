import { describe, expect, it } from 'vitest';
import { digestRenderer } from '../../../src/app/digest/digest-renderer.ts';
import { renderChartPng, TEAMS_CHART_SIZE } from '../../../src/chart/chart-png.ts';
import { composeDigest } from '../../../src/core/digest/compose-digest.ts';
import type { DigestView } from '../../../src/core/digest/types.ts';
import { renderDigestMessage } from '../../../src/slack/blocks/digest-message.ts';
import { validateBlockKit } from '../../../src/slack/blocks/limits.ts';
import { TEAMS_CARD_MAX_BYTES } from '../../../src/teams/cards/adaptive-card.ts';
import { renderDigestCard } from '../../../src/teams/cards/digest-card.ts';
import { digestInput, member, revenue } from './digest-fixtures.ts';

function view(over: Parameters<typeof digestInput>[0] = {}): DigestView {
  return composeDigest(digestInput(over))!;
}

const cardBytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe('digest renderers', () => {
  it('Slack: a valid Block Kit message with every KPI, movers, alerts and definitions, data escaped', () => {
    const members = [member('a', 'A & <B>', 5_000, 1_000), member('c', 'C', 1_000, 3_000)];
    const v = view({ metrics: [revenue({ members, label: 'Revenue <signed>' })], moverDimension: 'channel' });
    const message = renderDigestMessage(v);
    expect(validateBlockKit(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Revenue &lt;signed&gt;');
    expect(text).toContain('A &amp; &lt;B&gt;');
    expect(text).toContain(':large_green_circle: ▲ +15% vs previous week');
    expect(text).toContain(':dart: 92% of the €20,000 objective');
    expect(text).toContain('No open alert.');
    expect(text).toContain(':lock: Rep leaderboard not shown');
    expect(text).toContain('chart of the last 12 weeks is in the thread');
    expect(message.text).toBe(
      'Weekly digest — Team Lyon, Week of 9 Nov 2026: Revenue &lt;signed&gt; €18,400 (▲ +15%)',
    );
  });

  it('Slack: the outbox rendering carries the chart PNG for the thread, with its alt text', () => {
    const v = view();
    const rendered = digestRenderer.slack(JSON.parse(JSON.stringify(v)));
    expect(rendered.files).toHaveLength(1);
    const file = rendered.files![0]!;
    expect(file).toMatchObject({
      filename: 'kpibot-digest-2026-11-09.png',
      title: v.chart!.title,
      altText: v.chart!.alt,
    });
    expect(Buffer.from(file.contentBase64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(digestRenderer.slack({ ...v, chart: null }).files).toBeUndefined();
  });

  it('Slack: many KPIs stay within 50 blocks', () => {
    const many = Array.from({ length: 60 }, (_, i) => revenue({ name: `m${i}`, label: `Metric ${i}` }));
    expect(validateBlockKit(renderDigestMessage(view({ metrics: many })))).toEqual([]);
  });

  it('Teams: the card inlines the chart as a PNG data URI with alt text, under 28 KB', () => {
    const v = view();
    const card = renderDigestCard(v, { chartPng: renderChartPng(v.chart!, TEAMS_CHART_SIZE) });
    const image = card.content.body.find((e) => e.type === 'Image');
    expect(image).toMatchObject({ altText: v.chart!.alt });
    expect((image as { url: string }).url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(card.content.fallbackText).toBe(v.fallback);
    const rendered = digestRenderer.teams(JSON.parse(JSON.stringify(v)));
    expect(cardBytes(rendered.card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(JSON.stringify(rendered.card)).toContain('data:image/png;base64,');
  });

  it('Teams: an image too big for the card is replaced by its alt text, never over 28 KB', () => {
    const v = view();
    const card = renderDigestCard(v, { chartPng: Buffer.alloc(30 * 1024, 1) });
    expect(card.content.body.some((e) => e.type === 'Image')).toBe(false);
    expect(JSON.stringify(card)).toContain(v.chart!.alt);
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    const huge = view({
      metrics: Array.from({ length: 200 }, (_, i) => revenue({ name: `m${i}`, label: `Metric ${i}` })),
    });
    expect(cardBytes(renderDigestCard(huge, {}))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it('French renders in French', () => {
    const v = view({ lang: 'fr', scopeLabel: 'Équipe Lyon' });
    expect(JSON.stringify(renderDigestMessage(v).blocks)).toContain('graphique des 12 dernières semaines');
    expect(renderDigestCard(v).content.lang).toBe('fr');
  });

  it('refuses a payload that is not a digest view', () => {
    expect(() => digestRenderer.slack({ hello: 1 })).toThrow(/not a DigestView/);
  });
});
