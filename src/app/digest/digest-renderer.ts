import { renderChartPng, SLACK_CHART_SIZE, TEAMS_CHART_SIZE } from '../../chart/chart-png.ts';
import type { DigestView } from '../../core/digest/types.ts';
import { renderDigestMessage } from '../../slack/blocks/digest-message.ts';
import { renderDigestCard } from '../../teams/cards/digest-card.ts';
import { registerRenderer } from '../delivery/index.ts';
import type { Renderer } from '../delivery/types.ts';

/** A channel's (or a manager's) weekly digest. */
export const DIGEST_KIND = 'digest';
/** One rep's own digest, by DM. */
export const DIGEST_DM_KIND = 'digest_dm';

/**
 * The outbox stores the DigestView (JSON, with the chart as data); the PNG is drawn when the message is sent, so a
 * Delivery row stays small and a retry draws the same image. Slack gets it as a file for the message's thread,
 * Teams inline in the card.
 */
export const digestRenderer: Renderer = {
  slack(raw) {
    const view = asDigestView(raw);
    const message = renderDigestMessage(view);
    const files = view.chart
      ? [
          {
            filename: `kpibot-digest-${view.period.start.slice(0, 10)}.png`,
            title: view.chart.title,
            altText: view.chart.alt,
            contentBase64: renderChartPng(view.chart, SLACK_CHART_SIZE).toString('base64'),
          },
        ]
      : undefined;
    return { text: message.text, blocks: message.blocks, files };
  },
  teams(raw) {
    const view = asDigestView(raw);
    const chartPng = view.chart ? renderChartPng(view.chart, TEAMS_CHART_SIZE) : null;
    const card = renderDigestCard(view, { chartPng });
    return { card: card as unknown as Record<string, unknown> };
  },
};

registerRenderer(DIGEST_KIND, digestRenderer);
registerRenderer(DIGEST_DM_KIND, digestRenderer);

function asDigestView(raw: unknown): DigestView {
  const v = raw as Partial<DigestView> | null;
  if (v?.version !== 1 || !Array.isArray(v.kpis) || typeof v.title !== 'string') {
    throw new Error('digest renderer: the delivery payload is not a DigestView (version 1)');
  }
  return v as DigestView;
}
