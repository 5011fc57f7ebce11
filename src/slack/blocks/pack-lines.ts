import { clampText } from './mrkdwn.ts';

/** Lines grouped, in order, so that each group joined with newlines fits `max` characters (a long line is cut). */
export function packLines(lines: readonly string[], max: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = clampText(raw, max);
    if (current.length > 0 && length + 1 + line.length > max) {
      groups.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
