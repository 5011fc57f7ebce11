import type { Block } from '../../../src/slack/blocks/index.ts';

/** Every text of a message or view, in order, one per line: what a reader would see (French number spaces as plain spaces). */
export function textsOf(surface: { blocks: readonly Block[] }): string {
  const out: string[] = [];
  for (const b of surface.blocks) {
    if (b.type === 'header') out.push(b.text.text);
    if (b.type === 'section') {
      if (b.text) out.push(b.text.text);
      for (const f of b.fields ?? []) out.push(f.text);
    }
    if (b.type === 'context') for (const e of b.elements) out.push(e.text);
    if (b.type === 'actions') for (const e of b.elements) out.push(`[${e.text.text}]`);
  }
  return out.join('\n').replace(/[\u00a0\u202f]/g, ' ');
}

export function buttonsOf(surface: { blocks: readonly Block[] }) {
  return surface.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
}
