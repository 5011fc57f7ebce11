import { queryAllRows, type SalesforceApi, type SalesforceRow } from './api.ts';
import { instant, text } from './fields.ts';
import { chunk, soqlIdList } from './soql.ts';

/** Related rows a page of leads or opportunities needs, fetched per page with `IN (…)` lookups. */

async function rowsFor(
  api: SalesforceApi,
  ids: readonly string[],
  soqlFor: (idList: string) => string,
  what: string,
  signal: AbortSignal,
): Promise<SalesforceRow[]> {
  const rows: SalesforceRow[] = [];
  for (const part of chunk(ids))
    rows.push(...(await queryAllRows(api, soqlFor(soqlIdList(part)), what, signal)));
  return rows;
}

/** Lead id → when its Status first became the qualified status, from LeadHistory (empty if Status is not tracked). */
export async function qualificationDates(
  api: SalesforceApi,
  leadIds: readonly string[],
  qualifiedStatus: string,
  signal: AbortSignal,
): Promise<Map<string, Date>> {
  const rows = await rowsFor(
    api,
    leadIds,
    (ids) =>
      `SELECT LeadId, NewValue, CreatedDate FROM LeadHistory WHERE Field = 'Status' AND LeadId IN ${ids} ORDER BY CreatedDate`,
    'LeadHistory',
    signal,
  );
  const dates = new Map<string, Date>();
  for (const row of rows) {
    const leadId = text(row, 'LeadId');
    const at = instant(row, 'CreatedDate');
    if (leadId === null || at === null || dates.has(leadId) || row.NewValue !== qualifiedStatus) continue;
    dates.set(leadId, at);
  }
  return dates;
}

/** Opportunity id → the id of the Lead converted into it. */
export async function convertedLeads(
  api: SalesforceApi,
  opportunityIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const rows = await rowsFor(
    api,
    opportunityIds,
    (ids) => `SELECT Id, ConvertedOpportunityId FROM Lead WHERE ConvertedOpportunityId IN ${ids}`,
    'Lead',
    signal,
  );
  const leads = new Map<string, string>();
  for (const row of rows) {
    const opportunityId = text(row, 'ConvertedOpportunityId');
    const leadId = text(row, 'Id');
    if (opportunityId !== null && leadId !== null) leads.set(opportunityId, leadId);
  }
  return leads;
}

/** Opportunity id → its OpportunityHistory rows, oldest first. */
export async function opportunityHistories(
  api: SalesforceApi,
  opportunityIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, SalesforceRow[]>> {
  const rows = await rowsFor(
    api,
    opportunityIds,
    (ids) =>
      `SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ${ids} ORDER BY OpportunityId, CreatedDate`,
    'OpportunityHistory',
    signal,
  );
  const histories = new Map<string, SalesforceRow[]>();
  for (const row of rows) {
    const opportunityId = text(row, 'OpportunityId');
    if (opportunityId === null) continue;
    const list = histories.get(opportunityId) ?? [];
    list.push(row);
    histories.set(opportunityId, list);
  }
  return histories;
}
