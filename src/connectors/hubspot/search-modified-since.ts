import type { Client } from '@hubspot/api-client';
import { type Filter, FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { callHubspot } from './hubspot-errors.ts';
import type { HubspotObject } from './map-contact.ts';
import { instantProperty } from './property-values.ts';

const PAGE_SIZE = 100;
/** The CRM search endpoints refuse to page past 10,000 results of one query. */
const SEARCH_RESULT_CAP = 10_000;

export interface SearchSpec {
  objectType: string;
  /** lastmodifieddate for contacts, hs_lastmodifieddate for the other objects. */
  modifiedProperty: string;
  properties: readonly string[];
  scopes: readonly string[];
  extraFilters?: Filter[];
}

export function modifiedAt(object: HubspotObject, modifiedProperty: string): Date {
  return instantProperty(object.properties[modifiedProperty]) ?? object.updatedAt;
}

/**
 * Objects modified at or after `since`, oldest change first, a page at a time. Past the search cap the query
 * restarts from the last modification date seen (≥, so ties are re-read: upserts are idempotent).
 */
export async function* searchModifiedSince(
  client: Client,
  spec: SearchSpec,
  since: Date | null,
  signal: AbortSignal,
): AsyncGenerator<HubspotObject[]> {
  let from = since;
  let after: string | undefined;
  for (;;) {
    signal.throwIfAborted();
    const filters: Filter[] = [...(spec.extraFilters ?? [])];
    if (from) {
      filters.push({
        propertyName: spec.modifiedProperty,
        operator: FilterOperatorEnum.Gte,
        value: String(from.getTime()),
      });
    }
    const response = await callHubspot(`${spec.objectType} (search)`, spec.scopes, () =>
      client.crm.objects.searchApi.doSearch(spec.objectType, {
        filterGroups: filters.length > 0 ? [{ filters }] : [],
        sorts: [spec.modifiedProperty],
        properties: [...spec.properties, spec.modifiedProperty],
        limit: PAGE_SIZE,
        after,
      }),
    );
    if (response.results.length > 0) yield response.results;
    const next = response.paging?.next?.after;
    if (!next || response.results.length === 0) return;
    if (Number(next) + PAGE_SIZE > SEARCH_RESULT_CAP) {
      const last = response.results.reduce(
        (max, object) => Math.max(max, modifiedAt(object, spec.modifiedProperty).getTime()),
        0,
      );
      if (from && last <= from.getTime()) {
        throw new Error(
          `HubSpot ${spec.objectType}: more than ${SEARCH_RESULT_CAP} records share the modification time ` +
            `${from.toISOString()}; the search API cannot page past them`,
        );
      }
      from = new Date(last);
      after = undefined;
    } else {
      after = next;
    }
  }
}
