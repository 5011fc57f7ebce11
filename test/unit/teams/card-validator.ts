import { parseCardAction } from '../../../src/teams/cards/index.ts';

const ELEMENTS = new Set([
  'TextBlock',
  'ColumnSet',
  'Column',
  'FactSet',
  'Table',
  'TableRow',
  'TableCell',
  'Container',
]);

/**
 * A small structural check of what we send Teams: an Adaptive Card 1.5 with known element types only, every
 * TextBlock with text, and every button a Submit whose data our own parser accepts. Returns the problems found.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const attachment = card as { contentType?: unknown; content?: Record<string, unknown> };
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') problems.push('contentType');
  const content = attachment.content ?? {};
  if (content.type !== 'AdaptiveCard') problems.push('type');
  if (content.version !== '1.5') problems.push('version');
  if (content.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('$schema');
  if (!Array.isArray(content.body) || content.body.length === 0) problems.push('body');
  walk(content.body, 'body', problems);
  const actions = content.actions ?? [];
  if (!Array.isArray(actions)) problems.push('actions');
  else {
    if (actions.length > 6) problems.push('more than 6 actions');
    actions.forEach((a: Record<string, unknown>, i) => {
      if (a.type !== 'Action.Submit') problems.push(`actions[${i}].type ${String(a.type)}`);
      if (typeof a.title !== 'string' || a.title.length === 0) problems.push(`actions[${i}].title`);
      if (parseCardAction(a.data) === null) problems.push(`actions[${i}].data`);
    });
  }
  return problems;
}

function walk(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      walk(child, `${path}[${i}]`, problems);
    });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  if ('type' in element) {
    if (!ELEMENTS.has(String(element.type))) problems.push(`${path}: unknown type ${String(element.type)}`);
    if (element.type === 'TextBlock' && (typeof element.text !== 'string' || element.text.length === 0)) {
      problems.push(`${path}: TextBlock without text`);
    }
    if (element.type === 'FactSet' && !Array.isArray(element.facts))
      problems.push(`${path}: FactSet without facts`);
  }
  for (const key of ['items', 'columns', 'rows', 'cells']) {
    if (key in element && !(element.type === 'Table' && key === 'columns'))
      walk(element[key], `${path}.${key}`, problems);
  }
}

/** Every TextBlock text in the card, in order: what a reader sees. */
export function cardTexts(card: { content: unknown }): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const f of element.facts as Array<{ title: string; value: string }>)
        texts.push(`${f.title}: ${f.value}`);
    }
    for (const key of ['body', 'items', 'columns', 'rows', 'cells']) if (key in element) visit(element[key]);
  };
  visit(card.content);
  return texts;
}
