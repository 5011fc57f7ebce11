/**
 * The Block Kit subset our renderers emit. Each type is assignable to Slack's own `Block`, so a `SlackMessage`
 * goes straight into Bolt's `say()` / `respond()` / `chat.postMessage`.
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}

export type TextObject = PlainText | MrkdwnText;

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  style?: 'primary' | 'danger';
}

export interface HeaderBlock {
  type: 'header';
  block_id?: string;
  text: PlainText;
}

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
}

export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: ButtonElement[];
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

/** A chat message: `text` is the plain notification fallback (push, screen readers), `blocks` the body. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** The App Home tab, for `views.publish`. */
export interface HomeView {
  type: 'home';
  blocks: Block[];
}
