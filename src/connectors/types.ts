/**
 * The seam every data source sits behind (DESIGN §3, STYLE "every outside system behind a small type"). A connector
 * turns a vendor's API into pages of canonical records from a cursor; the sync engine (src/app/run-sync.ts) upserts
 * each page idempotently by (tenant, source, externalId) and commits the page and its cursor in one transaction, so
 * a crash resumes where it stopped with nothing lost and nothing duplicated.
 *
 * Canonical records use the same field names as the CSV import (src/store/csv-import/field-specs.ts), so one set of
 * writers serves both: a CRM owner is matched to a rep by email, CRM owner id (Rep.crmOwnerIds holds
 * "<source>:<id>") or name; dates are instants (Date) except campaign/web `day`s ('YYYY-MM-DD', tenant-local).
 */

export type RecordKind = 'reps' | 'teams' | 'leads' | 'deals' | 'activities' | 'campaigns' | 'web-traffic';

export interface CanonicalRep {
  name: string;
  email?: string | null;
  team?: string | null;
  role?: 'admin' | 'manager' | 'rep' | 'viewer';
  /** The vendor's owner/user id (without prefix): deals and leads refer to it through `owner`. */
  crmOwnerId?: string | null;
  active?: boolean;
}

export interface CanonicalTeam {
  name: string;
  manager?: string | null;
}

export interface CanonicalLead {
  externalId: string;
  createdAt: Date;
  name?: string | null;
  email?: string | null;
  company?: string | null;
  channel?: string | null;
  campaign?: string | null;
  /** Rep email, CRM owner id or name. */
  owner?: string | null;
  qualifiedAt?: Date | null;
  convertedAt?: Date | null;
  lostAt?: Date | null;
}

export interface CanonicalDeal {
  externalId: string;
  createdAt: Date;
  name?: string | null;
  account?: string | null;
  owner?: string | null;
  team?: string | null;
  stage?: string | null;
  status: 'open' | 'won' | 'lost';
  amount?: number | null;
  currency?: string | null;
  proposalSentAt?: Date | null;
  proposalReadAt?: Date | null;
  proposalFollowedUpAt?: Date | null;
  closedAt?: Date | null;
  /** External id of the lead this deal came from (same source). */
  leadId?: string | null;
  channel?: string | null;
  /** Stage history as the vendor reports it (HubSpot property history, Salesforce OpportunityHistory…). */
  stageHistory?: { stage: string; at: Date }[];
}

export interface CanonicalActivity {
  externalId: string;
  type: 'meeting' | 'call' | 'email' | 'proposal_followup';
  occurredAt: Date;
  rep?: string | null;
  leadId?: string | null;
  dealId?: string | null;
}

/** One campaign's figures for one day. */
export interface CanonicalCampaignDay {
  externalId: string;
  name?: string | null;
  channel?: string | null;
  day: string;
  sent?: number;
  delivered?: number;
  opens?: number;
  uniqueClicks?: number;
  unsubscribes?: number;
  spamReports?: number;
  bounces?: number;
  leads?: number;
  cost?: number;
}

export interface CanonicalWebTrafficDay {
  day: string;
  source: string;
  sessions?: number;
  users?: number;
  pageviews?: number;
  bounces?: number;
  engagedSeconds?: number;
  leads?: number;
}

export interface RecordPage {
  reps?: CanonicalRep[];
  teams?: CanonicalTeam[];
  leads?: CanonicalLead[];
  deals?: CanonicalDeal[];
  activities?: CanonicalActivity[];
  campaigns?: CanonicalCampaignDay[];
  webTraffic?: CanonicalWebTrafficDay[];
  /** Records deleted, merged away or archived at the source since the cursor: soft-deleted here. */
  deleted?: { kind: 'leads' | 'deals' | 'activities'; externalIds: string[] }[];
}

export interface SyncPage {
  records: RecordPage;
  /** Opaque: where the next run of this stream resumes (e.g. an "updated since" instant, a page token). */
  cursor: string;
  /**
   * Rows the connector wrote itself before yielding the page (the CSV drop hands whole files to the CSV import):
   * the engine only adds them to the run's counts. Vendor connectors leave it out and yield `records`.
   */
  applied?: { inserted: number; updated: number; rejected: number; errors?: string[] };
}

/** One independently resumable stream of a source, e.g. HubSpot "owners", "contacts", "deals". */
export interface SyncStream {
  name: string;
  /** Pages after `cursor` (null = from the beginning); the last page's cursor is stored for the next run. */
  pages(cursor: string | null, signal: AbortSignal): AsyncIterable<SyncPage>;
}

export interface Connector {
  /** 'hubspot' | 'salesforce' | 'pipedrive' | 'ga4' | 'csv' | 'demo': the `source` of every record it yields. */
  readonly source: string;
  /** In dependency order: owners/users before the records that reference them. */
  readonly streams: readonly SyncStream[];
}

/** Thrown by a connector for failures a retry cannot fix (bad credentials, missing scope, bad configuration):
 * the sync run fails at once and the tenant's admins are told once. */
export class ConnectorAuthError extends Error {
  readonly code = 'connector_auth';
}

/** The vendor asked us to slow down (HTTP 429); the engine waits retryAfterMs then retries the same page. */
export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
