import type { Role } from '../../../generated/prisma/client.ts';
import type { Tx } from '../bulk-sql.ts';
import type { KnownRep } from '../rep-directory.ts';
import { emptyOutcome, type KindWriter, str, type WriterContext } from '../writer.ts';

/**
 * Reps are keyed by email, else by name. A `manager` column names the rep's manager: an unknown manager becomes a
 * rep with role manager on the same team, and at the end each team's manager is set from the managers the file names.
 */
export function createRepWriter(ctx: WriterContext): KindWriter {
  const managersByTeam = new Map<string, string[]>();
  return {
    keyOf: (row) => String(row.email ?? row.name).toLowerCase(),
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      for (const { values } of rows) {
        const teamName = str(values.team);
        const teamId =
          values.team === undefined
            ? undefined
            : teamName
              ? (await ctx.teams.findOrCreate(tx, teamName)).team.id
              : null;
        const email = str(values.email);
        const name = String(values.name);
        const existing = await findRepToUpdate(tx, ctx, email, name);
        const crmOwnerId = str(values.crmOwnerId);
        const data = {
          name,
          ...(email ? { email } : {}),
          ...(teamId !== undefined ? { teamId } : {}),
          ...(str(values.role) ? { role: str(values.role) as Role } : {}),
          ...(values.slackUserId !== undefined ? { slackUserId: str(values.slackUserId) } : {}),
          ...(values.teamsUserId !== undefined ? { teamsUserId: str(values.teamsUserId) } : {}),
        };
        const saved = existing
          ? await tx.rep.update({
              where: { id: existing.id },
              data: {
                ...data,
                ...(crmOwnerId && !existing.crmOwnerIds.includes(crmOwnerId)
                  ? { crmOwnerIds: [...existing.crmOwnerIds, crmOwnerId] }
                  : {}),
              },
            })
          : await tx.rep.create({
              data: { tenantId: ctx.tenantId, ...data, crmOwnerIds: crmOwnerId ? [crmOwnerId] : [] },
            });
        ctx.reps.remember(saved);
        if (existing) outcome.updated += 1;
        else outcome.inserted += 1;
        const manager = str(values.manager);
        if (manager) {
          await ensureManager(tx, ctx, manager, saved.teamId);
          if (saved.teamId) {
            const names = managersByTeam.get(saved.teamId) ?? [];
            if (!names.some((n) => n.toLowerCase() === manager.toLowerCase())) names.push(manager);
            managersByTeam.set(saved.teamId, names);
          }
        }
      }
      return outcome;
    },
    reset: () => managersByTeam.clear(),
    async finish(tx) {
      const notes: string[] = [];
      for (const [teamId, names] of managersByTeam) {
        const team = await tx.team.findUnique({ where: { id: teamId } });
        const first = names[0] ? await ctx.reps.find(tx, names[0]) : null;
        if (!team || !first) continue;
        if (names.length === 1 || team.managerRepId === null) {
          await tx.team.update({ where: { id: teamId }, data: { managerRepId: first.id } });
        }
        if (names.length > 1) {
          notes.push(
            `team ${team.name}: ${names.length} managers named (${names.join(', ')}); all have role manager on the ` +
              `team, and the team's manager is ${team.managerRepId === null ? first.name : 'unchanged'}.`,
          );
        }
      }
      return notes;
    },
  };
}

/** By email when the row has one; else by name, among reps without an email (same name + other email = someone else). */
async function findRepToUpdate(tx: Tx, ctx: WriterContext, email: string | null, name: string) {
  const byEmail = email ? await ctx.reps.find(tx, email) : null;
  if (byEmail && byEmail.email === email) return byEmail;
  const byName = await ctx.reps.find(tx, name);
  if (byName && byName.name.toLowerCase() === name.toLowerCase() && (!email || byName.email === null))
    return byName;
  return null;
}

/** The manager named for a rep or a team: created with role manager when unknown, promoted from plain rep. */
async function ensureManager(
  tx: Tx,
  ctx: WriterContext,
  who: string,
  teamId: string | null,
): Promise<KnownRep> {
  const manager = await ctx.reps.findOrCreate(tx, who, { role: 'manager', teamId });
  if (manager.role !== 'rep' && manager.teamId !== null) return manager;
  const updated = await tx.rep.update({
    where: { id: manager.id },
    data: {
      ...(manager.role === 'rep' ? { role: 'manager' as const } : {}),
      ...(manager.teamId === null ? { teamId } : {}),
    },
  });
  return ctx.reps.remember(updated);
}

/** Teams by name; `manager` (a rep's email or name) becomes Team.managerRepId, created as a manager if unknown. */
export function createTeamWriter(ctx: WriterContext): KindWriter {
  return {
    keyOf: (row) => String(row.name).toLowerCase(),
    async writeBatch(tx, rows) {
      const outcome = emptyOutcome();
      for (const { values } of rows) {
        const { team, created } = await ctx.teams.findOrCreate(tx, String(values.name));
        if (created) outcome.inserted += 1;
        else outcome.updated += 1;
        if (values.manager === undefined) continue;
        const who = str(values.manager);
        const managerRepId = who ? (await ensureManager(tx, ctx, who, team.id)).id : null;
        const saved = await tx.team.update({ where: { id: team.id }, data: { managerRepId } });
        ctx.teams.remember(saved);
      }
      return outcome;
    },
  };
}
