/** How big the generated company is: scale 1.0 is the reference company of the benchmark. */
export interface CompanySize {
  readonly reps: number;
  readonly teams: number;
  readonly days: number;
  readonly leads: number;
  readonly deals: number;
  readonly activities: number;
  readonly accounts: number;
  readonly surveys: number;
  readonly campaigns: number;
  readonly webSources: number;
}

export function companySize(scale: number): CompanySize {
  const rows = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return {
    reps: rows(500, 20),
    teams: rows(40, 4),
    // History length is not scaled: period arithmetic (last quarter, this year…) needs the same calendar.
    days: 3 * 365,
    leads: rows(2_000_000, 1000),
    deals: rows(300_000, 200),
    activities: rows(3_000_000, 1500),
    accounts: rows(30_000, 50),
    surveys: rows(60_000, 100),
    campaigns: rows(200, 10),
    webSources: 6,
  };
}
