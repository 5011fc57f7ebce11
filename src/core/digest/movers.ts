import type { Direction } from '../answer.ts';
import type { MemberFigure } from './types.ts';

/** Below this many closed items (a ratio's denominator) in either week a member's rate is noise, not a move. */
export const MIN_RATIO_VOLUME = 3;

export interface RankedMove {
  member: MemberFigure;
  delta: number;
}

/**
 * The members whose figure rose and fell the most from the previous week, biggest first. Additive figures treat a
 * missing week as 0 (nothing sold is a move from something sold); rates need both weeks with some volume. Members
 * with nothing in either week are left out.
 */
export function rankMovers(
  members: readonly MemberFigure[],
  opts: { additive: boolean; limit: number },
): { up: RankedMove[]; down: RankedMove[] } {
  const moves: RankedMove[] = [];
  for (const m of members) {
    const delta = moveOf(m, opts.additive);
    if (delta !== null && Math.abs(delta) > 1e-9) moves.push({ member: m, delta });
  }
  const byKey = (a: RankedMove, b: RankedMove) => a.member.label.localeCompare(b.member.label);
  const up = moves.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta || byKey(a, b));
  const down = moves.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta || byKey(a, b));
  return { up: up.slice(0, opts.limit), down: down.slice(0, opts.limit) };
}

function moveOf(m: MemberFigure, additive: boolean): number | null {
  if (additive) {
    const now = m.current.value ?? 0;
    const before = m.previous.value ?? 0;
    return now === 0 && before === 0 ? null : now - before;
  }
  if (m.current.value === null || m.previous.value === null) return null;
  const volume = (f: MemberFigure['current']) => f.denominator ?? Number.POSITIVE_INFINITY;
  if (volume(m.current) < MIN_RATIO_VOLUME || volume(m.previous) < MIN_RATIO_VOLUME) return null;
  return m.current.value - m.previous.value;
}

/** Members best first by the metric's direction; members without a figure last. */
export function rankLeaders(members: readonly MemberFigure[], direction: Direction): MemberFigure[] {
  const sign = direction === 'down_is_good' ? 1 : -1;
  return members
    .filter((m) => m.current.value !== null && (m.current.value !== 0 || (m.current.denominator ?? 0) > 0))
    .sort(
      (a, b) => sign * ((a.current.value ?? 0) - (b.current.value ?? 0)) || a.label.localeCompare(b.label),
    );
}
