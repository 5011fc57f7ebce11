import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../../scripts/teams-icons.ts';
import { builtinCatalog } from '../../../src/core/metrics/index.ts';
import { parseInput } from '../../../src/core/query/index.ts';
import { readPng } from './archive-readers.ts';

const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8'));
const HOST_URL = /^https:\/\/\{\{KPIBOT_PUBLIC_HOST\}\}\//;

describe('appPackage/manifest.json', () => {
  it('is a v1.17 bot app with placeholders for the app id and the host', () => {
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.id).toBe('{{MICROSOFT_APP_ID}}');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'])
      expect(manifest.developer[key]).toMatch(HOST_URL);
    expect(manifest.validDomains).toEqual(['{{KPIBOT_PUBLIC_HOST}}']);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it('respects the schema length limits', () => {
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('declares one conversational bot in every scope, with at most 10 commands of short titles', () => {
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot).toMatchObject({
      botId: '{{MICROSOFT_APP_ID}}',
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(bot.commandLists.flatMap((l: { scopes: string[] }) => l.scopes).sort()).toEqual([
      'groupChat',
      'personal',
      'team',
    ]);
  });

  it('suggests only commands kpibot understands', () => {
    const catalog = builtinCatalog();
    const titles: string[] = manifest.bots[0].commandLists.flatMap(
      (l: { commands: Array<{ title: string }> }) => l.commands.map((c) => c.title),
    );
    expect(titles).toEqual(
      expect.arrayContaining(['conversion last week', 'win rate by rep this quarter', 'help']),
    );
    for (const title of titles) {
      const parsed = parseInput(title, {
        vocabulary: catalog.metrics,
        periodContext: {
          now: new Date('2026-11-18T10:00:00Z'),
          tz: 'Europe/Paris',
          weekStart: 1,
          fiscalYearStart: 1,
        },
        lang: 'en',
      });
      expect(parsed.kind, title).not.toBe('error');
    }
  });
});

describe('appPackage icons', () => {
  it('color.png: 192×192 RGBA, opaque, the accent colour behind a white glyph, as scripts/teams-icons.ts draws it', () => {
    const png = readPng(readFileSync('appPackage/color.png'));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([192, 192, 8, 6]);
    expect(Buffer.from(colorIcon().pixels)).toEqual(png.pixels);
    const accent = manifest.accentColor.slice(1).toLowerCase();
    expect(png.pixels.subarray(0, 3).toString('hex')).toBe(accent);
    for (let i = 3; i < png.pixels.length; i += 4) expect(png.pixels[i]).toBe(255);
  });

  it('outline.png: 32×32, only white or fully transparent pixels, with a glyph', () => {
    const png = readPng(readFileSync('appPackage/outline.png'));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([32, 32, 8, 6]);
    expect(Buffer.from(outlineIcon().pixels)).toEqual(png.pixels);
    let drawn = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const pixel = png.pixels.subarray(i, i + 4).toString('hex');
      expect(['ffffffff', '00000000']).toContain(pixel);
      if (pixel === 'ffffffff') drawn++;
    }
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan((32 * 32) / 2);
  });
});
