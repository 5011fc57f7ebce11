import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderChartPng, SLACK_CHART_SIZE, TEAMS_CHART_SIZE } from '../../../src/chart/chart-png.ts';
import { weeklyChartSvg } from '../../../src/chart/weekly-chart-svg.ts';
import { composeDigest } from '../../../src/core/digest/compose-digest.ts';
import type { ChartSpec } from '../../../src/core/digest/types.ts';
import { digestInput } from './digest-fixtures.ts';

/** Reads a PNG as a decoder does: signature, IHDR (size, depth, colour type), and the inflated IDAT data. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let offset = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  const ihdr = chunks[0]!;
  expect(ihdr.type).toBe('IHDR');
  const header = {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data[8],
    colorType: ihdr.data[9],
  };
  expect(chunks.at(-1)!.type).toBe('IEND');
  const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  return { ...header, pixels };
}

function spec(): ChartSpec {
  return composeDigest(digestInput())!.chart!;
}

describe('digest chart', () => {
  it.each([
    ['Slack', SLACK_CHART_SIZE],
    ['Teams', TEAMS_CHART_SIZE],
  ])('the %s PNG decodes and has the expected size', (_name, size) => {
    const png = renderChartPng(spec(), size);
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([size.width, size.height]);
    expect(decoded.bitDepth).toBe(8);
    // RGBA: one filter byte per row, then 4 bytes a pixel.
    expect(decoded.colorType).toBe(6);
    expect(decoded.pixels.length).toBe(size.height * (1 + size.width * 4));
  });

  it('fits the Teams card budget: the inline image stays well under 28 KB once base64-encoded', () => {
    const png = renderChartPng(spec(), TEAMS_CHART_SIZE);
    expect(Math.ceil(png.length / 3) * 4).toBeLessThan(18 * 1024);
  });

  it('draws text with the bundled font (system fonts are never loaded)', () => {
    const withTitle = renderChartPng(spec(), TEAMS_CHART_SIZE);
    const withoutTitle = renderChartPng({ ...spec(), title: '' }, TEAMS_CHART_SIZE);
    expect(withTitle.equals(withoutTitle)).toBe(false);
  });

  it('is deterministic and carries its alt text in the SVG title', () => {
    expect(renderChartPng(spec()).equals(renderChartPng(spec()))).toBe(true);
    const svg = weeklyChartSvg(spec(), SLACK_CHART_SIZE);
    expect(svg).toContain(`<title>${spec().alt}</title>`);
    // 12 bars, and the objective as one dashed path.
    expect(svg.match(/<rect x=/g)).toHaveLength(13);
    expect(svg).toContain('stroke-dasharray');
  });

  it('escapes labels (a metric named with & and <)', () => {
    const svg = weeklyChartSvg({ ...spec(), title: 'R&D <pipeline>' }, SLACK_CHART_SIZE);
    expect(svg).toContain('R&amp;D &lt;pipeline&gt;');
  });
});
