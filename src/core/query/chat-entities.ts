/** Platform markup found in chat text: Slack `<@U…|name>`, `<#C…|name>`, `<mailto:…>`, Teams `<at>…</at>`, emails. */
export type ChatEntity = { start: number; end: number } & (
  | { kind: 'user'; userId: string; name: string | null }
  | { kind: 'person'; name: string }
  | { kind: 'email'; email: string }
  | { kind: 'channel'; id: string; name: string | null }
  | { kind: 'other' }
);

type EntityBody = ChatEntity extends infer E ? (E extends unknown ? Omit<E, 'start' | 'end'> : never) : never;

interface EntityPattern {
  regex: RegExp;
  read(m: RegExpMatchArray): EntityBody;
}

// Order matters: a mailto link contains an email, an email contains an @name.
const PATTERNS: EntityPattern[] = [
  {
    regex: /<@([UW][A-Z0-9]+)(?:\|([^<>]*))?>/g,
    read: (m) => ({ kind: 'user', userId: m[1] ?? '', name: m[2] || null }),
  },
  {
    regex: /<#([CG][A-Z0-9]+)(?:\|([^<>]*))?>/g,
    read: (m) => ({ kind: 'channel', id: m[1] ?? '', name: m[2] || null }),
  },
  { regex: /<mailto:([^|<>\s]+)(?:\|[^<>]*)?>/gi, read: (m) => ({ kind: 'email', email: m[1] ?? '' }) },
  { regex: /<at>([^<>]{1,200})<\/at>/gi, read: (m) => ({ kind: 'person', name: (m[1] ?? '').trim() }) },
  // Slack links, `<!here>`, user groups, and any other angle-bracket markup.
  { regex: /<[!a-z][^<>\s]*(?:\|[^<>]*)?>/gi, read: () => ({ kind: 'other' }) },
  {
    regex: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
    read: (m) => ({ kind: 'email', email: m[0] }),
  },
  {
    regex: /(?<![\p{L}\p{N}])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu,
    read: (m) => ({ kind: 'person', name: (m[1] ?? '').replace(/[._-]+$/, '') }),
  },
];

export interface EntityScan {
  entities: ChatEntity[];
  /** The text with every entity replaced by spaces: same length, so spans stay valid. */
  masked: string;
}

export function scanChatEntities(text: string): EntityScan {
  let masked = text;
  const entities: ChatEntity[] = [];
  for (const pattern of PATTERNS) {
    for (const m of masked.matchAll(pattern.regex)) {
      const start = m.index;
      const end = start + m[0].length;
      entities.push({ ...pattern.read(m), start, end });
    }
    masked = masked.replace(pattern.regex, (s) => ' '.repeat(s.length));
  }
  entities.sort((a, b) => a.start - b.start);
  return { entities, masked };
}

/** Blank `[start, end)` of a text with spaces, keeping its length. */
export function blankSpan(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + text.slice(end);
}
