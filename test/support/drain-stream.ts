import type { Connector, RecordPage, SyncStream } from '../../src/connectors/types.ts';

export interface DrainedStream {
  pages: number;
  records: Required<Omit<RecordPage, 'deleted'>> & { deleted: NonNullable<RecordPage['deleted']> };
  /** The last page's cursor (the input cursor when no page came). */
  cursor: string | null;
}

/** Reads every page of a stream from a cursor, as the sync engine would, and merges the records. */
export async function drainStream(stream: SyncStream, cursor: string | null): Promise<DrainedStream> {
  const drained: DrainedStream = {
    pages: 0,
    records: {
      reps: [],
      teams: [],
      leads: [],
      deals: [],
      activities: [],
      campaigns: [],
      webTraffic: [],
      deleted: [],
    },
    cursor,
  };
  for await (const page of stream.pages(cursor, new AbortController().signal)) {
    drained.pages += 1;
    drained.cursor = page.cursor;
    const r = page.records;
    drained.records.reps.push(...(r.reps ?? []));
    drained.records.teams.push(...(r.teams ?? []));
    drained.records.leads.push(...(r.leads ?? []));
    drained.records.deals.push(...(r.deals ?? []));
    drained.records.activities.push(...(r.activities ?? []));
    drained.records.campaigns.push(...(r.campaigns ?? []));
    drained.records.webTraffic.push(...(r.webTraffic ?? []));
    drained.records.deleted.push(...(r.deleted ?? []));
  }
  return drained;
}

/** Every stream of a connector from the given cursors (by stream name). */
export async function drainConnector(
  connector: Connector,
  cursors: Record<string, string | null> = {},
): Promise<Record<string, DrainedStream>> {
  const out: Record<string, DrainedStream> = {};
  for (const stream of connector.streams)
    out[stream.name] = await drainStream(stream, cursors[stream.name] ?? null);
  return out;
}

export function cursorsOf(drained: Record<string, DrainedStream>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(drained).map(([name, d]) => [name, d.cursor]));
}
