import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_KINDS, type ImportKind } from '../../store/csv-import/index.ts';

/** Files of one kind are imported after the kinds they refer to (owners before deals, leads before deals…). */
const KIND_ORDER: readonly ImportKind[] = [
  'teams',
  'reps',
  'campaigns',
  'leads',
  'deals',
  'activities',
  'web-traffic',
  'objectives',
];

export interface DropFile {
  path: string;
  name: string;
  kind: ImportKind;
}

/** The kind a file's name starts with (deals*.csv, Leads-2026-11.csv, web-traffic 2026.csv); anything else → null. */
export function kindOfDropFile(name: string): ImportKind | null {
  const lower = name.toLowerCase();
  if (!lower.endsWith('.csv')) return null;
  const stem = lower.slice(0, -'.csv'.length);
  const byLength = [...IMPORT_KINDS].sort((a, b) => b.length - a.length);
  return byLength.find((kind) => stem.startsWith(kind)) ?? null;
}

/**
 * The CSV files waiting in the folder, in import order. A file modified within `settleMs` is left for the next
 * run: it may still be being copied in.
 */
export async function listDropFiles(dir: string, settleMs: number, now: Date): Promise<DropFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: DropFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const kind = kindOfDropFile(entry.name);
    if (!kind) continue;
    const file = path.join(dir, entry.name);
    const info = await stat(file);
    if (now.getTime() - info.mtimeMs < settleMs) continue;
    files.push({ path: file, name: entry.name, kind });
  }
  return files.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}

export async function contentHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Moves a handled file into <dir>/<folder>/, its name tagged with its hash so same-named drops never collide. */
export async function moveAside(file: DropFile, folder: 'done' | 'rejected', hash: string): Promise<string> {
  const target = path.join(path.dirname(file.path), folder);
  await mkdir(target, { recursive: true });
  const stem = file.name.replace(/\.csv$/i, '');
  const destination = path.join(target, `${stem}.${hash.slice(0, 8)}.csv`);
  await rename(file.path, destination);
  return destination;
}
