import { type MeasureTerm, termKey } from '../../core/metrics/index.ts';
import type { Dimension, MeasureName } from '../../core/metrics/measures.ts';
import type { Database } from '../../store/database.ts';
import { KEY_SEPARATOR } from '../../store/rollups/index.ts';
import type { LocalDay } from '../../store/rollups/local-days.ts';
import { readDailyMeasures } from '../../store/rollups/read-daily-measures.ts';
import { mergeFilters, type ReadScope, readTermValues, type TermValues } from '../term-values.ts';

/** Which rows a read covers: the filters every row must match, and the dimension its groups are keyed by. */
export interface Slice {
  filters: Partial<Record<Dimension, string>>;
  groupBy: Dimension | null;
}

/** Which part of a read a member is: the total, or one group (a rep, team or channel id). */
export type MemberPick = { group: string | null };

export type TermMap = ReadonlyMap<string, number>;
const EMPTY: TermMap = new Map();

/** A read's own slice: the ones rules ask for, and the (team, rep) breakdown several of them share. */
type ReadSlice = Omit<Slice, 'groupBy'> & { groupBy: Slice['groupBy'] | typeof TEAM_REP };

/** The breakdown that by-rep reads of the tenant or of any one team are cut from (see AggregateReads). */
const TEAM_REP = ['teamId', 'repId'] as const satisfies readonly Dimension[];

function sliceKey(slice: ReadSlice): string {
  const filters = Object.entries(slice.filters)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${JSON.stringify(filters)}|${slice.groupBy ?? ''}`;
}

/** Adds a need to a registry of reads: one entry per key, the union of the terms asked under it. */
function register<W extends { terms: Map<string, MeasureTerm> }>(
  wanted: Map<string, W>,
  key: string,
  create: () => W,
  terms: readonly MeasureTerm[],
): string {
  let entry = wanted.get(key);
  if (!entry) {
    entry = create();
    wanted.set(key, entry);
  }
  for (const t of terms) entry.terms.set(termKey(t), t);
  return key;
}

/** Runs `tasks` with at most `limit` in flight (the database pool's size, not one connection per read). */
export async function inPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return out;
}

/**
 * Aggregate reads shared by every rule that needs the same range over the same slice: each (range, slice) is read
 * once with the union of the terms its rules need (readTermValues then makes one database read per distinct term
 * filter), and every member (a rep of a by-rep fan-out, the team a rule is scoped to) is derived from its groups.
 */
export class AggregateReads {
  private readonly wanted = new Map<
    string,
    { start: Date; end: Date; slice: ReadSlice; terms: Map<string, MeasureTerm> }
  >();
  private readonly results = new Map<string, TermValues>();
  /** By-rep slices cut from a (team, rep) read: their handle → that read's handle and the team (null: all). */
  private readonly cuts = new Map<string, { base: string; team: string | null }>();
  private readonly cutResults = new Map<string, DailyValues>();

  constructor(private readonly scope: Omit<ReadScope, 'filters'>) {}

  /**
   * Registers a need; returns the handle to read it with after `run`. A by-rep breakdown of the tenant (rules on
   * single reps) or of one team (a team's by-rep fan-out) is not read on its own: every such slice over the same
   * range is cut from one read of the whole tenant by (team, rep), its terms the union of theirs. Forty teams'
   * fan-outs over a month are then one read instead of forty; the figures are the same sums.
   */
  want(range: { start: Date; end: Date }, slice: ReadSlice, terms: readonly MeasureTerm[]): string {
    const key = `${range.start.toISOString()}|${range.end.toISOString()}|${sliceKey(slice)}`;
    const team = repsOf(slice);
    if (team !== undefined) {
      const base = this.want(range, { filters: {}, groupBy: TEAM_REP }, terms);
      this.cuts.set(key, { base, team });
      return key;
    }
    return register(
      this.wanted,
      key,
      () => ({ start: range.start, end: range.end, slice, terms: new Map() }),
      terms,
    );
  }

  get size(): number {
    return this.wanted.size;
  }

  async run(db: Database, concurrency: number): Promise<void> {
    const pending = [...this.wanted.entries()].filter(([key]) => !this.results.has(key));
    await inPool(
      pending.map(([key, w]) => async () => {
        const values = await readTermValues(db, {
          ...this.scope,
          filters: w.slice.filters,
          terms: [...w.terms.values()],
          start: w.start,
          end: w.end,
          groupBy: w.slice.groupBy,
        });
        this.results.set(key, values);
      }),
      concurrency,
    );
  }

  /** A member's term values (zeros when the read has no row for it). */
  values(handle: string, pick: MemberPick): TermMap {
    return this.reader(handle)(pick);
  }

  /** values() of one read, looked up once (a rule asks it for each of its members). */
  reader(handle: string): (pick: MemberPick) => TermMap {
    const result = this.result(handle);
    if (!result) throw new Error(`read ${handle} was not run`);
    return (pick) => (pick.group === null ? result.totals : (result.groups.get(pick.group) ?? EMPTY));
  }

  /** The group keys a read found (e.g. the channels with data), without the none ('') and all ('*') keys. */
  groups(handle: string): string[] {
    const result = this.result(handle);
    return result ? [...result.groups.keys()].filter((k) => k !== '' && k !== '*') : [];
  }

  private result(handle: string): DailyValues | undefined {
    const cut = this.cuts.get(handle);
    if (!cut) return this.results.get(handle);
    let result = this.cutResults.get(handle);
    const base = this.results.get(cut.base);
    if (!result && base) {
      result = cutByRep(base, cut.team);
      this.cutResults.set(handle, result);
    }
    return result;
  }
}

/** The team whose by-rep breakdown a slice is (null: the tenant's), or undefined when it is not one. */
function repsOf(slice: ReadSlice): string | null | undefined {
  if (slice.groupBy !== 'repId') return undefined;
  const dims = (Object.keys(slice.filters) as Dimension[]).filter((d) => slice.filters[d] !== undefined);
  if (dims.length === 0) return null;
  return dims.length === 1 && dims[0] === 'teamId' ? slice.filters.teamId! : undefined;
}

/** A (team, rep) breakdown's groups by team: [rep, values] of each, split once however many cuts are taken. */
type TeamIndex = Map<string, Array<[string, ReadonlyMap<string, number>]>>;

const teamIndexes = new WeakMap<DailyValues, TeamIndex>();

function teamIndex(base: DailyValues): TeamIndex {
  let index = teamIndexes.get(base);
  if (!index) {
    index = new Map();
    for (const [key, values] of base.groups) {
      const cut = key.indexOf(KEY_SEPARATOR);
      const team = key.slice(0, cut);
      let list = index.get(team);
      if (!list) {
        list = [];
        index.set(team, list);
      }
      list.push([key.slice(cut + 1), values]);
    }
    teamIndexes.set(base, index);
  }
  return index;
}

/**
 * A by-rep breakdown from a (team, rep) one: the groups of one team (or of all teams, a rep's figures summed over
 * the teams they sold for) and their total. Term values are sums, so the parts add up to what a read of that
 * slice would give.
 */
function cutByRep(base: DailyValues, team: string | null): DailyValues {
  const index = teamIndex(base);
  const totals = team === null ? base.totals : new Map<string, number>();
  const groups = new Map<string, Map<string, number>>();
  const lists = team === null ? [...index.values()] : [index.get(team) ?? []];
  for (const list of lists) {
    for (const [rep, values] of list) {
      const into = groups.get(rep);
      if (into) addInto(into, values);
      else groups.set(rep, new Map(values));
      if (team !== null) addInto(totals, values);
    }
  }
  return { totals, groups };
}

function addInto(into: Map<string, number>, values: ReadonlyMap<string, number>) {
  for (const [k, v] of values) into.set(k, (into.get(k) ?? 0) + v);
}

export interface DailyDays {
  from: LocalDay;
  to: LocalDay;
  only?: readonly LocalDay[];
}

export interface DailyValues {
  totals: Map<string, number>;
  groups: Map<string, Map<string, number>>;
}

/**
 * Day-by-day reads shared the same way: one readDailyMeasures per (days, slice, term filter), by-rep slices cut
 * from one (team, rep) read as AggregateReads does. Only terms counted over the period itself can be cut into
 * days (a running total such as the open pipeline cannot).
 */
export class DailyReads {
  private readonly wanted = new Map<
    string,
    { days: DailyDays; slice: ReadSlice; terms: Map<string, MeasureTerm> }
  >();
  private readonly results = new Map<string, Map<LocalDay, DailyValues>>();
  private readonly cuts = new Map<string, { base: string; team: string | null }>();
  private readonly cutResults = new Map<string, Map<LocalDay, DailyValues>>();

  constructor(private readonly scope: Omit<ReadScope, 'filters'>) {}

  /** The days [from, to), or with `only` just those of them (an anomaly's judged days and their weekdays). */
  want(days: DailyDays, slice: ReadSlice, terms: readonly MeasureTerm[]): string {
    const key = `${days.from}|${days.to}|${days.only?.join(',') ?? ''}|${sliceKey(slice)}`;
    const team = repsOf(slice);
    if (team !== undefined) {
      this.cuts.set(key, { base: this.want(days, { filters: {}, groupBy: TEAM_REP }, terms), team });
      return key;
    }
    return register(this.wanted, key, () => ({ days, slice, terms: new Map() }), terms);
  }

  private result(handle: string): Map<LocalDay, DailyValues> | undefined {
    const cut = this.cuts.get(handle);
    if (!cut) return this.results.get(handle);
    let result = this.cutResults.get(handle);
    const base = this.results.get(cut.base);
    if (!result && base) {
      result = new Map([...base].map(([day, values]) => [day, cutByRep(values, cut.team)]));
      this.cutResults.set(handle, result);
    }
    return result;
  }

  get size(): number {
    return this.wanted.size;
  }

  async run(db: Database, concurrency: number): Promise<void> {
    const tasks: (() => Promise<void>)[] = [];
    for (const [key, w] of this.wanted) {
      if (this.results.has(key)) continue;
      const byDay = new Map<LocalDay, DailyValues>();
      this.results.set(key, byDay);
      const at = (day: LocalDay) => {
        let v = byDay.get(day);
        if (!v) {
          v = { totals: new Map(), groups: new Map() };
          byDay.set(day, v);
        }
        return v;
      };
      // Terms sharing a filter are read together, as readTermValues does for aggregates.
      const batches = new Map<string, { filter: MeasureTerm['filter']; terms: MeasureTerm[] }>();
      for (const term of w.terms.values()) {
        if (term.window !== 'period') continue;
        const fk = JSON.stringify(Object.entries(term.filter).sort());
        const batch = batches.get(fk) ?? { filter: term.filter, terms: [] };
        batch.terms.push(term);
        batches.set(fk, batch);
      }
      for (const batch of batches.values()) {
        const merged = mergeFilters(w.slice.filters, batch.filter);
        if (merged === null) continue; // contradicting filters: nothing, i.e. zeros
        tasks.push(async () => {
          const result = await readDailyMeasures(db, {
            tenantId: this.scope.tenantId,
            tz: this.scope.tz,
            rollupTz: this.scope.rollupTz,
            measures: [...new Set(batch.terms.map((t) => t.measure))] as MeasureName[],
            days: { from: w.days.from, to: w.days.to },
            ...(w.days.only ? { only: w.days.only } : {}),
            filters: merged,
            groupBy: w.slice.groupBy,
          });
          for (const row of result.rows) {
            const day = at(row.day);
            const target =
              row.key === null
                ? day.totals
                : (day.groups.get(row.key) ?? day.groups.set(row.key, new Map()).get(row.key)!);
            for (const t of batch.terms) if (t.measure === row.measure) target.set(termKey(t), row.value);
          }
        });
      }
    }
    await inPool(tasks, concurrency);
  }

  /** A member's term values on one day (zeros when nothing happened). */
  values(handle: string, day: LocalDay, pick: MemberPick): TermMap {
    return this.reader(handle)(day, pick);
  }

  /** values() of one read, looked up once. */
  reader(handle: string): (day: LocalDay, pick: MemberPick) => TermMap {
    const byDay = this.result(handle);
    if (!byDay) throw new Error(`daily read ${handle} was not run`);
    return (day, pick) => {
      const values = byDay.get(day);
      if (!values) return EMPTY;
      return pick.group === null ? values.totals : (values.groups.get(pick.group) ?? EMPTY);
    };
  }

  groups(handle: string): string[] {
    const keys = new Set<string>();
    for (const day of this.result(handle)?.values() ?? []) {
      for (const k of day.groups.keys()) if (k !== '' && k !== '*') keys.add(k);
    }
    return [...keys];
  }
}
