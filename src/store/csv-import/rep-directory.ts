import type { Tx } from './bulk-sql.ts';

export interface KnownRep {
  id: string;
  name: string;
  email: string | null;
  teamId: string | null;
  role: string;
  crmOwnerIds: string[];
}

interface Index {
  byId: Map<string, KnownRep>;
  /** Lower-cased email, CRM owner id or name → rep id; the oldest rep wins a shared key. */
  byEmail: Map<string, string>;
  byCrmId: Map<string, string>;
  byName: Map<string, string>;
}

/**
 * The tenant's reps, loaded once per import and kept in step with what the import writes. A person named in a file
 * is matched by email, then by CRM owner id ("123" also matches "<source>:123"), then by exact name, ignoring case.
 */
export class RepDirectory {
  private index: Index | null = null;
  private createdInTransaction: string[] = [];

  constructor(
    private readonly tenantId: string,
    private readonly source: string,
  ) {}

  async find(tx: Tx, who: string): Promise<KnownRep | null> {
    const index = await this.load(tx);
    const key = who.trim().toLowerCase();
    if (key === '') return null;
    const id =
      index.byEmail.get(key) ??
      index.byCrmId.get(key) ??
      index.byCrmId.get(`${this.source}:${key}`) ??
      index.byName.get(key);
    return id === undefined ? null : (index.byId.get(id) ?? null);
  }

  /** The rep named `who`, created (and remembered for the report) when nobody matches. */
  async findOrCreate(
    tx: Tx,
    who: string,
    init: { role: 'rep' | 'manager'; teamId: string | null },
  ): Promise<KnownRep> {
    const existing = await this.find(tx, who);
    if (existing) return existing;
    const value = who.trim();
    const created = await tx.rep.create({
      data: {
        tenantId: this.tenantId,
        name: value,
        email: value.includes('@') ? value.toLowerCase() : null,
        role: init.role,
        teamId: init.teamId,
      },
    });
    return this.remember(created, true);
  }

  /** Records a rep the caller wrote itself (created or updated). */
  remember(rep: KnownRep, created = false): KnownRep {
    const known: KnownRep = {
      id: rep.id,
      name: rep.name,
      email: rep.email,
      teamId: rep.teamId,
      role: rep.role,
      crmOwnerIds: rep.crmOwnerIds,
    };
    if (this.index) addToIndex(this.index, known);
    if (created) this.createdInTransaction.push(rep.role === 'rep' ? rep.name : `${rep.name} (${rep.role})`);
    return known;
  }

  /** Names of the reps created since the last call, once their transaction committed. */
  takeCreated(): string[] {
    const created = this.createdInTransaction;
    this.createdInTransaction = [];
    return created;
  }

  /** A transaction rolled back: forget what it wrote and reload on next use. */
  reset(): void {
    this.index = null;
    this.createdInTransaction = [];
  }

  private async load(tx: Tx): Promise<Index> {
    if (!this.index) {
      const reps = await tx.rep.findMany({
        where: { tenantId: this.tenantId },
        select: { id: true, name: true, email: true, teamId: true, role: true, crmOwnerIds: true },
        orderBy: { createdAt: 'asc' },
      });
      const index: Index = { byId: new Map(), byEmail: new Map(), byCrmId: new Map(), byName: new Map() };
      for (const rep of reps) addToIndex(index, rep);
      this.index = index;
    }
    return this.index;
  }
}

function addToIndex(index: Index, rep: KnownRep): void {
  index.byId.set(rep.id, rep);
  const claim = (map: Map<string, string>, key: string | null) => {
    if (key && !map.has(key.toLowerCase())) map.set(key.toLowerCase(), rep.id);
  };
  claim(index.byEmail, rep.email);
  for (const id of rep.crmOwnerIds) claim(index.byCrmId, id);
  claim(index.byName, rep.name);
}
