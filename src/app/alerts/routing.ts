import { decideAccess, type RepVisibility, type Subject } from '../../core/access/decide-access.ts';
import type { AlertRoute, Lang } from '../../core/alerts/index.ts';
import type { Platform } from '../../generated/prisma/client.ts';
import { channelShowsRepDetail } from '../chat-ask.ts';
import type { AppContext } from '../context.ts';
import { type ChatUser, type Directory, dmTarget } from './directory.ts';

/** One conversation an alert is posted to. */
export interface Recipient {
  platform: Platform;
  target: string;
  /** `slack:C0123`, `teams:user:29:…`: the last part of the alert's idempotency keys. */
  routeKey: string;
  via: 'channel' | 'owner' | 'manager';
  /** Whether rep-level figures (a by-rep explanation) may be shown to this audience. */
  repDetail: boolean;
}

export interface Routed {
  recipients: Recipient[];
  /** Routes that sent nothing, and why (recorded with the event, printed by the CLI). */
  notes: string[];
}

/** What routing needs about one alert state. */
export interface RoutedMember {
  repId: string | null;
  teamId: string | null;
  label: string;
}

/**
 * Where one alert goes, under the access rules (DESIGN §10, decideAccess): a channel route as given, except that
 * an alert about one rep goes to a channel only when that channel may see rep figures (tenant setting
 * `channels.<id>.repDetail`, or repVisibility open) — otherwise to the rep and their manager(s) by DM instead;
 * `owner` is the rep's DM (rep-level alerts only); `manager` the DMs of the member's team manager(s), each only
 * if they may see the figure.
 */
export class Router {
  private readonly repDetailMemo = new Map<string, Promise<boolean>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly tenantId: string,
    private readonly dir: Directory,
    private readonly visibility: RepVisibility,
    /** The chat accounts of every rep that may be DMed (owners and managers of the notified states). */
    private readonly chatUsers: ReadonlyMap<string, ChatUser[]>,
  ) {}

  /** The reps whose DMs this member's alert may reach: load their chat accounts before routing. */
  static dmCandidates(dir: Directory, member: RoutedMember): string[] {
    return [...(member.repId ? [member.repId] : []), ...dir.managersOf(member.teamId)];
  }

  private channelRepDetail(channelId: string): Promise<boolean> {
    let hit = this.repDetailMemo.get(channelId);
    if (!hit) {
      hit = channelShowsRepDetail(this.ctx, this.tenantId, channelId);
      this.repDetailMemo.set(channelId, hit);
    }
    return hit;
  }

  async route(routes: readonly AlertRoute[], member: RoutedMember, lang: Lang): Promise<Routed> {
    const fr = lang === 'fr';
    const out = new Map<string, Recipient>();
    const notes: string[] = [];
    const repLevel = member.repId !== null;
    const subject: Subject = repLevel
      ? { rep: { id: member.repId!, teamId: member.teamId } }
      : { teamId: member.teamId };
    const add = (r: Recipient) => {
      if (!out.has(r.routeKey)) out.set(r.routeKey, r);
    };
    const dms = (repIds: readonly string[], via: 'owner' | 'manager') => {
      for (const repId of repIds) {
        const viewer = this.dir.viewerOf(repId);
        const who = this.dir.repLabel(repId);
        if (!viewer || !decideAccess(viewer, this.visibility, subject).allowed) {
          notes.push(
            fr
              ? `${who} n'a pas accès à ce chiffre : pas de message privé.`
              : `${who} may not see this figure: no DM.`,
          );
          continue;
        }
        const users = this.chatUsers.get(repId) ?? [];
        if (users.length === 0) {
          notes.push(
            fr
              ? `${who} n'a pas de compte Slack ou Teams connu (associez-le avec /kpi map) : pas de message privé.`
              : `${who} has no known Slack or Teams account (map them with /kpi map): no DM.`,
          );
        }
        // A manager sees the reps of their team; a rep sees their own figures: both may read a by-rep explanation
        // of their own scope only when the access rules allow its rows, decided with the subject's team.
        const repDetail =
          this.visibility === 'open' ||
          viewer.role === 'admin' ||
          (member.teamId !== null && viewer.managedTeamIds.includes(member.teamId));
        for (const u of users) {
          const target = dmTarget(u);
          add({ platform: u.platform, target, routeKey: `${u.platform}:${target}`, via, repDetail });
        }
      }
    };
    const managers = this.dir.managersOf(member.teamId);
    let fallbackToDms = false;
    for (const route of routes) {
      if (route.to === 'channel') {
        const repDetail = await this.channelRepDetail(route.id);
        if (repLevel && !repDetail) {
          notes.push(
            fr
              ? `Canal ${route.id} : il ne montre pas les chiffres par commercial ; envoyé en privé à la place.`
              : `Channel ${route.id} does not show rep figures; sent by DM instead.`,
          );
          fallbackToDms = true;
          continue;
        }
        add({
          platform: route.platform,
          target: route.id,
          routeKey: `${route.platform}:${route.id}`,
          via: 'channel',
          repDetail,
        });
      } else if (route.to === 'owner') {
        if (repLevel) dms([member.repId!], 'owner');
        else
          notes.push(
            fr
              ? `« owner » : ${member.label} n'est pas un commercial.`
              : `"owner": ${member.label} is not a rep.`,
          );
      } else {
        if (managers.length > 0) dms(managers, 'manager');
        else
          notes.push(
            fr
              ? `« manager » : aucun manager d'équipe pour ${member.label}.`
              : `"manager": no team manager for ${member.label}.`,
          );
      }
    }
    if (fallbackToDms) {
      dms([member.repId!], 'owner');
      dms(managers, 'manager');
    }
    return { recipients: [...out.values()], notes: [...new Set(notes)] };
  }
}
