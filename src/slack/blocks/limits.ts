/**
 * Slack's Block Kit limits (docs.slack.dev/reference/block-kit) and a validator that reports every breach.
 * Lengths are JavaScript string lengths (UTF-16 code units): an emoji counts twice, so we err on the safe side.
 * Renderers clamp to these limits; the validator guards them in tests and, at runtime, before a post.
 */
export const BLOCK_KIT_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or an App Home view. */
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Any text object, e.g. a context element. */
  textObject: 3000,
  /** Slack documents 25 (it was 5 until 2022). */
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** chat.postMessage truncates `text` beyond this. */
  messageText: 40000,
} as const;

/** Our own rule, not Slack's: the notification fallback is one short sentence. */
export const FALLBACK_TEXT_MAX = 300;

export interface BlockKitViolation {
  /** Where, e.g. `blocks[3].fields[2].text`. */
  path: string;
  problem: string;
}

type Json = Record<string, unknown>;

/**
 * Every Block Kit limit a message (`{text, blocks}`) or view (`{type: 'home' | 'modal', blocks}`) breaks; empty when
 * Slack would accept it. Reads plain JSON, so it also checks blocks built elsewhere.
 */
export function validateBlockKit(surface: {
  blocks: readonly unknown[];
  text?: unknown;
  type?: unknown;
}): BlockKitViolation[] {
  const out: BlockKitViolation[] = [];
  const isView = surface.type === 'home' || surface.type === 'modal';
  const maxBlocks = isView ? BLOCK_KIT_LIMITS.viewBlocks : BLOCK_KIT_LIMITS.messageBlocks;
  if (surface.blocks.length > maxBlocks) {
    out.push({ path: 'blocks', problem: `${surface.blocks.length} blocks > ${maxBlocks}` });
  }
  if (!isView) {
    if (typeof surface.text !== 'string' || surface.text.trim() === '') {
      out.push({ path: 'text', problem: 'missing notification fallback text' });
    } else {
      maxLength(out, 'text', surface.text, BLOCK_KIT_LIMITS.messageText);
    }
  }
  const blockIds = new Set<string>();
  surface.blocks.forEach((raw, i) => {
    const path = `blocks[${i}]`;
    if (!isRecord(raw) || typeof raw.type !== 'string') {
      out.push({ path, problem: 'not a block' });
      return;
    }
    if (raw.block_id !== undefined) {
      const id = raw.block_id;
      if (typeof id !== 'string' || id === '') out.push({ path: `${path}.block_id`, problem: 'empty' });
      else {
        maxLength(out, `${path}.block_id`, id, BLOCK_KIT_LIMITS.blockId);
        if (blockIds.has(id)) out.push({ path: `${path}.block_id`, problem: `duplicate block_id ${id}` });
        blockIds.add(id);
      }
    }
    checkBlock(out, path, raw);
  });
  return out;
}

function checkBlock(out: BlockKitViolation[], path: string, block: Json): void {
  switch (block.type) {
    case 'header':
      checkText(out, `${path}.text`, block.text, BLOCK_KIT_LIMITS.headerText, 'plain_text');
      return;
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        out.push({ path, problem: 'a section needs text or fields' });
      }
      if (block.text !== undefined) checkText(out, `${path}.text`, block.text, BLOCK_KIT_LIMITS.sectionText);
      if (block.fields !== undefined) {
        const fields = arrayOf(out, `${path}.fields`, block.fields, BLOCK_KIT_LIMITS.sectionFields);
        fields.forEach((f, j) => {
          checkText(out, `${path}.fields[${j}]`, f, BLOCK_KIT_LIMITS.fieldText);
        });
      }
      if (block.accessory !== undefined) checkElement(out, `${path}.accessory`, block.accessory);
      return;
    }
    case 'context': {
      const elements = arrayOf(out, `${path}.elements`, block.elements, BLOCK_KIT_LIMITS.contextElements);
      elements.forEach((e, j) => {
        if (isRecord(e) && e.type === 'image') return;
        checkText(out, `${path}.elements[${j}]`, e, BLOCK_KIT_LIMITS.textObject);
      });
      return;
    }
    case 'actions': {
      const elements = arrayOf(out, `${path}.elements`, block.elements, BLOCK_KIT_LIMITS.actionsElements);
      const actionIds = new Set<string>();
      elements.forEach((e, j) => {
        checkElement(out, `${path}.elements[${j}]`, e);
        const id = isRecord(e) ? e.action_id : undefined;
        if (typeof id === 'string') {
          if (actionIds.has(id)) {
            out.push({ path: `${path}.elements[${j}].action_id`, problem: `duplicate action_id ${id}` });
          }
          actionIds.add(id);
        }
      });
      return;
    }
    default:
      return;
  }
}

function checkElement(out: BlockKitViolation[], path: string, element: unknown): void {
  if (!isRecord(element)) {
    out.push({ path, problem: 'not an element' });
    return;
  }
  if (element.action_id !== undefined) {
    if (typeof element.action_id !== 'string' || element.action_id === '') {
      out.push({ path: `${path}.action_id`, problem: 'empty' });
    } else {
      maxLength(out, `${path}.action_id`, element.action_id, BLOCK_KIT_LIMITS.actionId);
    }
  }
  if (element.type !== 'button') return;
  checkText(out, `${path}.text`, element.text, BLOCK_KIT_LIMITS.buttonText, 'plain_text');
  if (element.value !== undefined) {
    if (typeof element.value !== 'string') out.push({ path: `${path}.value`, problem: 'not a string' });
    else maxLength(out, `${path}.value`, element.value, BLOCK_KIT_LIMITS.buttonValue);
  }
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    out.push({ path: `${path}.style`, problem: `unknown style ${String(element.style)}` });
  }
}

function checkText(
  out: BlockKitViolation[],
  path: string,
  text: unknown,
  max: number,
  only?: 'plain_text',
): void {
  if (!isRecord(text) || (text.type !== 'plain_text' && text.type !== 'mrkdwn')) {
    out.push({ path, problem: 'not a text object' });
    return;
  }
  if (only && text.type !== only) out.push({ path: `${path}.type`, problem: `must be ${only}` });
  if (typeof text.text !== 'string' || text.text.trim() === '') {
    out.push({ path: `${path}.text`, problem: 'empty text' });
    return;
  }
  maxLength(out, `${path}.text`, text.text, max);
}

function arrayOf(out: BlockKitViolation[], path: string, value: unknown, max: number): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    out.push({ path, problem: 'must be a non-empty array' });
    return [];
  }
  if (value.length > max) out.push({ path, problem: `${value.length} items > ${max}` });
  return value;
}

function maxLength(out: BlockKitViolation[], path: string, value: string, max: number): void {
  if (value.length > max) out.push({ path, problem: `${value.length} characters > ${max}` });
}

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
