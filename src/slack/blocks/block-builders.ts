import { BLOCK_KIT_LIMITS as L } from './limits.ts';
import { clampText } from './mrkdwn.ts';
import type {
  ActionsBlock,
  ButtonElement,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnText,
  PlainText,
  SectionBlock,
} from './types.ts';

/** Block constructors that clamp every text to its limit: a renderer can never emit an oversized block. */
export function plain(text: string, max: number = L.textObject): PlainText {
  return { type: 'plain_text', text: clampText(nonEmpty(text), max), emoji: true };
}

export function mrkdwn(text: string, max: number = L.textObject): MrkdwnText {
  return { type: 'mrkdwn', text: clampText(nonEmpty(text), max) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, L.headerText) };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text, L.sectionText) };
}

/** Two-column fields; callers pass at most 10 (the extra ones are dropped rather than rejected by Slack). */
export function fieldsSection(fields: readonly string[]): SectionBlock {
  return { type: 'section', fields: fields.slice(0, L.sectionFields).map((f) => mrkdwn(f, L.fieldText)) };
}

export function context(elements: readonly string[]): ContextBlock {
  return { type: 'context', elements: elements.slice(0, L.contextElements).map((e) => mrkdwn(e)) };
}

export function actions(elements: readonly ButtonElement[]): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, L.actionsElements) };
}

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: ButtonElement['style'],
): ButtonElement {
  return {
    type: 'button',
    text: plain(text, L.buttonText),
    action_id: actionId.slice(0, L.actionId),
    value,
    ...(style ? { style } : {}),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/** Slack rejects empty text objects. */
function nonEmpty(text: string): string {
  return text.trim() === '' ? '—' : text;
}
