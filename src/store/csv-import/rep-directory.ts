import type { Tx } from './bulk-sql.ts';

export interface KnownRep {
  id: string;
  name: string;
  email: string | null;
  teamId: string | null;
  role: string;
  crmOwnerIds: string[];
}

/**
 * The tenant's reps, loaded once per import and kept in step with what the import writes. A person named in a file
 * is matched by email, then by CRM owner id ("123" also matches "<source>:123"), then by exact name, ignoring case.
 */
export class RepDirectory {
  private reps: KnownRep[] | null = null;
  private createdInTransaction: string[] = [];

  constructor(
    private readonly tenantId: string,
    private readonly source: string,
  ) {}

  async find(tx: Tx, who: string): Promise<KnownRep | null> {
    const reps = await this.load(tx);
    const key = who.trim().toLowerCase();
    if (key === '') return null;
    const crmKey = `${this.source}:${key}`;
    return (
      reps.find((r) => r.email === key) ??
      reps.find((r) => r.crmOwnerIds.some((id) => id.toLowerCase() === key || id.toLowerCase() === crmKey)) ??
      reps.find((r) => r.name.toLowerCase() === key) ??
      null
    );
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
    const isEmail = value.includes('@');
    const created = await tx.rep.create({
      data: {
        tenantId: this.tenantId,
        name: value,
        email: isEmail ? value.toLowerCase() : null,
        role: init.role,
        teamId: init.teamId,
      },
    });
    return this.remember(created, true);
  }

  /** Records a rep the caller wrote itself (created or updated). */
  remember(rep: KnownRep, created = false): KnownRep {
    const reps = this.reps ?? [];
    const index = reps.findIndex((r) => r.id === rep.id);
    const known: KnownRep = {
      id: rep.id,
      name: rep.name,
      email: rep.email,
      teamId: rep.teamId,
      role: rep.role,
      crmOwnerIds: rep.crmOwnerIds,
    };
    if (index >= 0) reps[index] = known;
    else reps.push(known);
    this.reps = reps;
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
    this.reps = null;
    this.createdInTransaction = [];
  }

  private async load(tx: Tx): Promise<KnownRep[]> {
    if (!this.reps) {
      this.reps = await tx.rep.findMany({
        where: { tenantId: this.tenantId },
        select: { id: true, name: true, email: true, teamId: true, role: true, crmOwnerIds: true },
        orderBy: { createdAt: 'asc' },
      });
    }
    return this.reps;
  }
}
