import type { Client } from '@hubspot/api-client';
import { callHubspot } from './hubspot-errors.ts';

const BATCH = 100;

/** For each record id, the id of its first associated record of another type (v4 batch read). */
export async function firstAssociations(
  client: Client,
  fromType: string,
  toType: string,
  ids: readonly string[],
  scopes: readonly string[],
): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const inputs = ids.slice(i, i + BATCH).map((id) => ({ id }));
    const response = await callHubspot(`${fromType} → ${toType} associations`, scopes, () =>
      client.crm.associations.v4.batchApi.getPage(fromType, toType, { inputs }),
    );
    for (const result of response.results) {
      const target = result.to[0]?.toObjectId;
      if (target !== undefined) first.set(String(result._from.id), String(target));
    }
  }
  return first;
}
