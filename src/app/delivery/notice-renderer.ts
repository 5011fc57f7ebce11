import { renderInfoMessage } from '../../slack/blocks/info-message.ts';
import { renderInfoCard } from '../../teams/cards/info-card.ts';
import type { InfoReply } from '../ask.ts';
import { registerRenderer } from './renderers.ts';

/** 'notice': a title and lines (an InfoReply), e.g. a sync failure told to the tenant's admins. */
export const NOTICE_KIND = 'notice';

registerRenderer(NOTICE_KIND, {
  slack: (view) => {
    const message = renderInfoMessage(asInfoReply(view));
    return { text: message.text, blocks: message.blocks };
  },
  teams: (view) => {
    const info = asInfoReply(view);
    return { text: info.title, card: renderInfoCard(info) as unknown as Record<string, unknown> };
  },
});

function asInfoReply(view: unknown): InfoReply {
  const v = view as Partial<InfoReply> | null;
  if (
    !v ||
    typeof v.title !== 'string' ||
    !Array.isArray(v.lines) ||
    !v.lines.every((l) => typeof l === 'string')
  ) {
    throw new TypeError('notice view must be an InfoReply: { kind: "info", lang, title, lines: string[] }');
  }
  return { kind: 'info', lang: v.lang === 'fr' ? 'fr' : 'en', title: v.title, lines: v.lines };
}
