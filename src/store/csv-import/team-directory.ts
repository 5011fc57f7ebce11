import type { Tx } from './bulk-sql.ts';

export interface KnownTeam {
  id: string;
  name: string;
  managerRepId: string | null;
}

/** The tenant's teams by name (case ignored), loaded once per import; unknown names are created. */
export class TeamDirectory {
  private teams: Map<string, KnownTeam> | null = null;

  constructor(private readonly tenantId: string) {}

  async find(tx: Tx, name: string): Promise<KnownTeam | null> {
    return (await this.load(tx)).get(name.trim().toLowerCase()) ?? null;
  }

  async findOrCreate(tx: Tx, name: string): Promise<{ team: KnownTeam; created: boolean }> {
    const existing = await this.find(tx, name);
    if (existing) return { team: existing, created: false };
    const row = await tx.team.create({ data: { tenantId: this.tenantId, name: name.trim(), source: 'csv' } });
    return { team: this.remember(row), created: true };
  }

  remember(team: KnownTeam): KnownTeam {
    const known = { id: team.id, name: team.name, managerRepId: team.managerRepId };
    this.teams?.set(team.name.toLowerCase(), known);
    return known;
  }

  reset(): void {
    this.teams = null;
  }

  private async load(tx: Tx): Promise<Map<string, KnownTeam>> {
    if (!this.teams) {
      const rows = await tx.team.findMany({
        where: { tenantId: this.tenantId },
        select: { id: true, name: true, managerRepId: true },
        orderBy: { createdAt: 'asc' },
      });
      this.teams = new Map();
      for (const row of rows)
        if (!this.teams.has(row.name.toLowerCase())) this.teams.set(row.name.toLowerCase(), row);
    }
    return this.teams;
  }
}
