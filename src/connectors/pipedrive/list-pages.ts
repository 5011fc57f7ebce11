import type { z } from 'zod';
import type { PipedriveApi, RequestArgs } from './pipedrive-request.ts';
import { v1List, v2List } from './schemas.ts';

const PAGE_SIZE = 500;

/** Every page of a v2 list (cursor pagination). `build` asks the SDK for the request of one page. */
export async function* v2Pages<T extends z.ZodType>(
  api: PipedriveApi,
  what: string,
  item: T,
  build: (limit: number, cursor: string | undefined) => Promise<RequestArgs>,
  signal: AbortSignal,
): AsyncGenerator<z.infer<T>[]> {
  const schema = v2List(item);
  let cursor: string | undefined;
  do {
    const body = await api.send(what, await build(PAGE_SIZE, cursor), 'v2', schema, signal);
    yield body.data as z.infer<T>[];
    cursor = body.additional_data?.next_cursor ?? undefined;
  } while (cursor);
}

/** Every page of a v1 list (start/limit pagination, more_items_in_collection). */
export async function* v1Pages<T extends z.ZodType>(
  api: PipedriveApi,
  what: string,
  item: T,
  build: (start: number, limit: number) => Promise<RequestArgs>,
  signal: AbortSignal,
): AsyncGenerator<z.infer<T>[]> {
  const schema = v1List(item);
  let start = 0;
  for (;;) {
    const body = await api.send(what, await build(start, PAGE_SIZE), 'v1', schema, signal);
    const items = (body.data ?? []) as z.infer<T>[];
    yield items;
    const pagination = body.additional_data?.pagination;
    if (!pagination?.more_items_in_collection) return;
    start = pagination.next_start ?? start + items.length;
  }
}
