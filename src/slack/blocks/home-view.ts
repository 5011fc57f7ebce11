import type { KpiAnswer } from '../../core/answer.ts';
import type { Lang } from '../../core/format.ts';
import { context, divider, fieldsSection, header, section } from './block-builders.ts';
import { compactFigure } from './figure-lines.ts';
import { BLOCK_KIT_LIMITS } from './limits.ts';
import { escapeMrkdwn, escapeMrkdwnKeepingMentions } from './mrkdwn.ts';
import { packLines } from './pack-lines.ts';
import type { Block, HomeView } from './types.ts';
import { wording } from './wording.ts';

export interface HomeUser {
  name: string;
  role: 'admin' | 'manager' | 'rep' | 'viewer';
  team: string | null;
}

/** One line of app-written mrkdwn (an open alert, a digest subscription); filled by later releases. */
export interface HomeLine {
  text: string;
}

export interface HomeModel {
  lang: Lang;
  /** null: the Slack user is not mapped to a rep (the Home says how to fix it). */
  user: HomeUser | null;
  /** e.g. my revenue signed, deals won, meetings this week and this month vs target. */
  myFigures: KpiAnswer[];
  teamFigures: KpiAnswer[];
  alerts: HomeLine[];
  subscriptions: HomeLine[];
}

/** Figures per kind shown on the Home tab: two sections of ten two-column fields. */
export const MAX_HOME_FIGURES = 2 * BLOCK_KIT_LIMITS.sectionFields;
const MAX_HOME_LINES = 20;

/** The App Home tab: who you are, your figures, your team's, open alerts and digest subscriptions. */
export function renderHomeView(home: HomeModel): HomeView {
  const w = wording(home.lang).home;
  const blocks: Block[] = [header(w.title), section(greeting(home))];
  if (home.user) blocks.push(divider(), header(w.myFigures), ...figureSections(home.myFigures, home.lang));
  blocks.push(divider(), header(w.teamFigures), ...figureSections(home.teamFigures, home.lang));
  blocks.push(divider(), header(w.alerts), ...lineSections(home.alerts, home.lang));
  blocks.push(header(w.subscriptions), ...lineSections(home.subscriptions, home.lang));
  blocks.push(divider(), context([w.askHint]));
  return { type: 'home', blocks: blocks.slice(0, BLOCK_KIT_LIMITS.viewBlocks) };
}

function greeting(home: HomeModel): string {
  const w = wording(home.lang).home;
  if (!home.user) return `:wave: ${w.unmapped}`;
  const who = [w.roles[home.user.role] ?? home.user.role, home.user.team]
    .filter(Boolean)
    .map((s) => escapeMrkdwn(s!));
  return `:wave: ${w.hello(escapeMrkdwn(home.user.name))} · ${who.join(' · ')}`;
}

/** Each figure as a field: "*Revenue signed* · this week" over "*€12,345* 🟢 ▲ +12% · 🎯 45%". */
function figureSections(figures: readonly KpiAnswer[], lang: Lang): Block[] {
  if (figures.length === 0) return [section(`_${wording(lang).home.noFigures}_`)];
  const fields = figures
    .slice(0, MAX_HOME_FIGURES)
    .map((a) => `*${escapeMrkdwn(a.metric.label)}* · ${escapeMrkdwn(a.period.label)}\n${compactFigure(a)}`);
  const sections: Block[] = [];
  for (let i = 0; i < fields.length; i += BLOCK_KIT_LIMITS.sectionFields) {
    sections.push(fieldsSection(fields.slice(i, i + BLOCK_KIT_LIMITS.sectionFields)));
  }
  return sections;
}

function lineSections(lines: readonly HomeLine[], lang: Lang): Block[] {
  if (lines.length === 0) return [section(`_${wording(lang).home.noneYet}_`)];
  const texts = lines.slice(0, MAX_HOME_LINES).map((l) => `• ${escapeMrkdwnKeepingMentions(l.text)}`);
  return packLines(texts, BLOCK_KIT_LIMITS.sectionText).map((g) => section(g.join('\n')));
}
