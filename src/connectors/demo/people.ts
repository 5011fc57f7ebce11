import type { DemoRep, DemoRole, DemoTeam } from './types.ts';

export const DEMO_EMAIL_DOMAIN = 'demo.kpibot.dev';

export interface DemoTeamProfile {
  key: 'paris' | 'lyon' | 'emea';
  name: string;
  /** Share of incoming leads routed to the team. */
  leadShare: number;
  /** EMEA sells bigger contracts, Lyon smaller ones. */
  amountFactor: number;
}

export const DEMO_TEAMS: readonly DemoTeamProfile[] = [
  { key: 'paris', name: 'Paris', leadShare: 0.37, amountFactor: 1 },
  { key: 'lyon', name: 'Lyon', leadShare: 0.37, amountFactor: 0.9 },
  { key: 'emea', name: 'EMEA', leadShare: 0.26, amountFactor: 1.3 },
];

/** A rep and the traits that make leaderboards differ; the director takes no leads. */
export interface DemoPerson {
  n: number;
  name: string;
  team: DemoTeamProfile['key'] | null;
  role: DemoRole;
  /** Relative share of the team's leads (managers sell less, they also manage). */
  leadWeight: number;
  winFactor: number;
}

const people: readonly Omit<DemoPerson, 'n'>[] = [
  { name: 'Sophie Laurent', team: null, role: 'admin', leadWeight: 0, winFactor: 1 },
  { name: 'Camille Martin', team: 'paris', role: 'manager', leadWeight: 0.6, winFactor: 1.15 },
  { name: 'Julien Moreau', team: 'paris', role: 'rep', leadWeight: 1, winFactor: 1 },
  { name: 'Léa Bernard', team: 'paris', role: 'rep', leadWeight: 1, winFactor: 1.2 },
  { name: 'Thomas Petit', team: 'paris', role: 'rep', leadWeight: 1, winFactor: 0.85 },
  { name: 'Chloé Durand', team: 'paris', role: 'rep', leadWeight: 1, winFactor: 0.95 },
  { name: 'Nicolas Lefèvre', team: 'lyon', role: 'manager', leadWeight: 0.6, winFactor: 1.1 },
  { name: 'Manon Girard', team: 'lyon', role: 'rep', leadWeight: 1, winFactor: 1.05 },
  { name: 'Antoine Roux', team: 'lyon', role: 'rep', leadWeight: 1, winFactor: 0.9 },
  { name: 'Sarah Fournier', team: 'lyon', role: 'rep', leadWeight: 1, winFactor: 1.1 },
  { name: 'Hugo Mercier', team: 'lyon', role: 'rep', leadWeight: 1, winFactor: 0.8 },
  { name: 'Claire Dubois', team: 'emea', role: 'manager', leadWeight: 0.6, winFactor: 1.1 },
  { name: 'Maxime Lambert', team: 'emea', role: 'rep', leadWeight: 1, winFactor: 1 },
  { name: 'Emma Schneider', team: 'emea', role: 'rep', leadWeight: 1, winFactor: 1.15 },
  { name: 'Marco Rossi', team: 'emea', role: 'rep', leadWeight: 1, winFactor: 0.9 },
];

export const DEMO_PEOPLE: readonly DemoPerson[] = people.map((p, i) => ({ ...p, n: i + 1 }));

export const teamRef = (key: DemoTeamProfile['key']) => `demo-team-${key}`;
export const repRef = (n: number) => `demo-rep-${String(n).padStart(2, '0')}`;

/** 'Léa Bernard' → 'lea.bernard' */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export function demoReps(): DemoRep[] {
  return DEMO_PEOPLE.map((p) => ({
    externalId: repRef(p.n),
    name: p.name,
    email: `${emailLocalPart(p.name)}@${DEMO_EMAIL_DOMAIN}`,
    teamRef: p.team ? teamRef(p.team) : null,
    role: p.role,
    crmOwnerIds: [`demo:${p.n}`],
  }));
}

export function demoTeams(): DemoTeam[] {
  return DEMO_TEAMS.map((t) => {
    const manager = DEMO_PEOPLE.find((p) => p.team === t.key && p.role === 'manager');
    if (!manager) throw new Error(`demo team ${t.name} has no manager`);
    return { externalId: teamRef(t.key), name: t.name, managerRepRef: repRef(manager.n) };
  });
}

export function teamProfile(key: DemoTeamProfile['key']): DemoTeamProfile {
  const team = DEMO_TEAMS.find((t) => t.key === key);
  if (!team) throw new Error(`unknown demo team ${key}`);
  return team;
}
