import {
  type CanonicalDeal,
  type CanonicalLead,
  type CanonicalRep,
  type Connector,
  ConnectorAuthError,
  RateLimitedError,
  type SyncPage,
  type SyncStream,
} from '../../../src/connectors/types.ts';

/**
 * A source in memory, implementing the Connector seam the way a CRM connector does: an "owners" stream, then
 * "leads" and "deals" streams paged by a numeric "updated since" cursor (the last record version handed out).
 * Tests change records (bumping their version), delete some, and make the source fail or throttle.
 */
export interface FakeSourceOptions {
  source?: string;
  pageSize?: number;
  /** Throws RateLimitedError(retryAfterMs) before these pages of a stream (1-based, counted across runs). */
  throttle?: { every: number; retryAfterMs: number };
  /** Every page read throws ConnectorAuthError. */
  badCredentials?: boolean;
  /** Milliseconds each page takes to arrive (crash tests). */
  pageDelayMs?: number;
  /** Called after each page is handed out (crash tests report progress). */
  onPage?: (stream: string, index: number) => void;
}

interface Versioned<T> {
  version: number;
  record: T;
  deleted: boolean;
}

export class FakeSource {
  readonly source: string;
  private clock = 0;
  readonly owners = new Map<string, Versioned<CanonicalRep>>();
  readonly leads = new Map<string, Versioned<CanonicalLead>>();
  readonly deals = new Map<string, Versioned<CanonicalDeal>>();
  /** Pages handed out, per stream. */
  readonly served = new Map<string, number>();
  /** Pages refused once with a 429, as `${stream}:${index}`. */
  readonly throttledPages = new Set<string>();

  constructor(readonly options: FakeSourceOptions = {}) {
    this.source = options.source ?? 'fakecrm';
  }

  putOwner(owner: CanonicalRep & { crmOwnerId: string }) {
    this.owners.set(owner.crmOwnerId, { version: ++this.clock, record: owner, deleted: false });
  }

  putLead(lead: CanonicalLead) {
    this.leads.set(lead.externalId, { version: ++this.clock, record: lead, deleted: false });
  }

  putDeal(deal: CanonicalDeal) {
    this.deals.set(deal.externalId, { version: ++this.clock, record: deal, deleted: false });
  }

  deleteLead(externalId: string) {
    const v = this.leads.get(externalId);
    if (v) this.leads.set(externalId, { ...v, version: ++this.clock, deleted: true });
  }

  connector(): Connector {
    return {
      source: this.source,
      streams: [
        this.stream('owners', this.owners, (records) => ({ reps: records })),
        this.stream('leads', this.leads, (records, deleted) => ({
          leads: records,
          deleted: deleted.length > 0 ? [{ kind: 'leads', externalIds: deleted }] : [],
        })),
        this.stream('deals', this.deals, (records) => ({ deals: records })),
      ],
    };
  }

  private stream<T>(
    name: string,
    map: Map<string, Versioned<T>>,
    toPage: (records: T[], deleted: string[]) => SyncPage['records'],
  ): SyncStream {
    return { name, pages: (cursor, signal) => this.readPages(name, map, toPage, cursor, signal) };
  }

  private async *readPages<T>(
    name: string,
    map: Map<string, Versioned<T>>,
    toPage: (records: T[], deleted: string[]) => SyncPage['records'],
    cursor: string | null,
    signal: AbortSignal,
  ): AsyncGenerator<SyncPage> {
    const since = cursor === null ? 0 : Number(cursor);
    const changed = [...map.entries()]
      .filter(([, v]) => v.version > since)
      .sort((a, b) => a[1].version - b[1].version);
    const size = this.options.pageSize ?? 100;
    for (let i = 0; i < changed.length; i += size) {
      signal.throwIfAborted();
      if (this.options.badCredentials)
        throw new ConnectorAuthError('401 Unauthorized: the access token was revoked');
      const index = (this.served.get(name) ?? 0) + 1;
      const throttle = this.options.throttle;
      const key = `${name}:${index}`;
      if (throttle && index % throttle.every === 0 && !this.throttledPages.has(key)) {
        // Once per page: the engine's retry of the same page goes through.
        this.throttledPages.add(key);
        throw new RateLimitedError('429 Too Many Requests', throttle.retryAfterMs);
      }
      if (this.options.pageDelayMs) await new Promise((r) => setTimeout(r, this.options.pageDelayMs));
      const slice = changed.slice(i, i + size);
      const live = slice.filter(([, v]) => !v.deleted).map(([, v]) => v.record);
      const deleted = slice.filter(([, v]) => v.deleted).map(([id]) => id);
      this.served.set(name, index);
      this.options.onPage?.(name, index);
      yield { records: toPage(live, deleted), cursor: String(slice.at(-1)![1].version) };
    }
  }
}

/** A deterministic company: `owners` owners, `leads` leads, a deal for every third lead. */
export function seedFakeSource(source: FakeSource, size: { owners: number; leads: number }) {
  const day = (i: number) => new Date(Date.UTC(2026, 9, 1 + (i % 60), 9 + (i % 8)));
  for (let o = 1; o <= size.owners; o++) {
    source.putOwner({ name: `Owner ${o}`, email: `owner${o}@example.com`, crmOwnerId: `u${o}` });
  }
  for (let i = 1; i <= size.leads; i++) {
    source.putLead({
      externalId: `L${i}`,
      createdAt: day(i),
      name: `Lead ${i}`,
      channel: ['web_form', 'emailing', 'referral'][i % 3]!,
      owner: `u${1 + (i % size.owners)}`,
      qualifiedAt: i % 2 === 0 ? day(i + 1) : null,
    });
    if (i % 3 === 0) {
      const won = i % 2 === 0;
      source.putDeal({
        externalId: `D${i}`,
        createdAt: day(i + 1),
        name: `Deal ${i}`,
        owner: `u${1 + (i % size.owners)}`,
        stage: won ? 'closed_won' : 'proposal',
        status: won ? 'won' : 'open',
        amount: 1000 + i,
        closedAt: won ? day(i + 5) : null,
        leadId: `L${i}`,
        stageHistory: won
          ? [
              { stage: 'proposal', at: day(i + 2) },
              { stage: 'closed_won', at: day(i + 5) },
            ]
          : [{ stage: 'proposal', at: day(i + 2) }],
      });
    }
  }
}
