import type { Connector, SyncPage } from '../../../src/connectors/types.ts';

/** Runs every stream of a connector from the given cursors, as the engine would, without a database. */
export async function readAllStreams(
  connector: Connector,
  cursors: Record<string, string | null> = {},
): Promise<{ pages: Record<string, SyncPage[]>; cursors: Record<string, string | null> }> {
  const pages: Record<string, SyncPage[]> = {};
  const next: Record<string, string | null> = { ...cursors };
  for (const stream of connector.streams) {
    pages[stream.name] = [];
    for await (const page of stream.pages(cursors[stream.name] ?? null, new AbortController().signal)) {
      pages[stream.name]?.push(page);
      next[stream.name] = page.cursor;
    }
  }
  return { pages, cursors: next };
}

export async function firstError(connector: Connector, streamName: string): Promise<unknown> {
  const stream = connector.streams.find((s) => s.name === streamName);
  if (!stream) throw new Error(`no stream ${streamName}`);
  try {
    for await (const _page of stream.pages(null, new AbortController().signal)) {
      // reading on until the error
    }
  } catch (error) {
    return error;
  }
  throw new Error(`stream ${streamName} did not fail`);
}
