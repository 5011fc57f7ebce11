import { describe, expect, it } from 'vitest';
import {
  type AlertSubject,
  mayActOnAlert,
  mayManageRule,
  mayReadAlert,
} from '../../../src/app/chat-commands/alert-access.ts';
import { readAlertSubcommand } from '../../../src/app/chat-commands/alert-subcommand.ts';
import { describeRule, lifecycleWords, routeWords } from '../../../src/app/chat-commands/describe-rule.ts';
import type { Viewer } from '../../../src/core/access/decide-access.ts';

describe('readAlertSubcommand', () => {
  it.each([
    ['', 'list', ''],
    ['list', 'list', ''],
    ['liste', 'list', ''],
    ['add win rate drops 20%', 'add', 'win rate drops 20%'],
    ['ajouter taux de gain baisse de 20 %', 'add', 'taux de gain baisse de 20 %'],
    ['Ajouter: CA signé rythme < 80 %', 'add', 'CA signé rythme < 80 %'],
    ['mute 1a2b3c4d', 'mute', '1a2b3c4d'],
    ['pause 1a2b3c4d', 'mute', '1a2b3c4d'],
    ['muet Paris drop', 'mute', 'Paris drop'],
    ['unmute 1a2b3c4d', 'unmute', '1a2b3c4d'],
    ['reprendre 1a2b3c4d', 'unmute', '1a2b3c4d'],
    ['réactiver 1a2b3c4d', 'unmute', '1a2b3c4d'],
    ['delete 1a2b3c4d', 'delete', '1a2b3c4d'],
    ['supprimer 1a2b3c4d', 'delete', '1a2b3c4d'],
    ['aide', 'help', ''],
    ['win rate drops 20%', 'unknown', 'win rate drops 20%'],
  ])('%j → %s %j', (args, sub, rest) => {
    expect(readAlertSubcommand(args)).toEqual({ sub, rest });
  });
});

describe('who may manage rules and act on alerts', () => {
  const PARIS = 'team-paris';
  const LYON = 'team-lyon';
  const admin: Viewer = { repId: 'diane', role: 'admin', teamId: null, managedTeamIds: [] };
  const marc: Viewer = { repId: 'marc', role: 'manager', teamId: PARIS, managedTeamIds: [PARIS] };
  const alice: Viewer = { repId: 'alice', role: 'rep', teamId: PARIS, managedTeamIds: [] };
  const viewer: Viewer = { repId: null, role: 'viewer', teamId: null, managedTeamIds: [] };
  const subject = (s: Partial<AlertSubject>): AlertSubject => ({
    repId: null,
    teamId: null,
    everyRep: false,
    everyTeam: false,
    ...s,
  });
  const company = subject({});
  const paris = subject({ teamId: PARIS });
  const lyon = subject({ teamId: LYON });
  const aliceOwn = subject({ repId: 'alice', teamId: PARIS });
  const zoeOwn = subject({ repId: 'zoe', teamId: LYON });
  const everyParisRep = subject({ teamId: PARIS, everyRep: true });
  const everyRep = subject({ everyRep: true });
  const everyTeam = subject({ everyTeam: true });

  it.each<[string, Viewer, AlertSubject, 'team' | 'self' | 'open', boolean]>([
    ['admin, every rep of the company', admin, everyRep, 'team', true],
    ['manager, own team', marc, paris, 'team', true],
    ['manager, each rep of own team', marc, everyParisRep, 'team', true],
    ['manager, a rep of own team', marc, aliceOwn, 'team', true],
    ['manager, company-wide figure', marc, company, 'team', true],
    ['manager, another team', marc, lyon, 'team', false],
    ['manager, a rep of another team', marc, zoeOwn, 'team', false],
    ['manager, every rep of the company', marc, everyRep, 'team', false],
    ['manager, every rep of the company when rep figures are open', marc, everyRep, 'open', true],
    ['manager, every team side by side when teams see only their own', marc, everyTeam, 'self', false],
    ['rep, own figures', alice, aliceOwn, 'team', true],
    ['rep, own team', alice, paris, 'team', false],
    ['rep, another rep', alice, zoeOwn, 'open', false],
    ['viewer, company', viewer, company, 'open', false],
  ])('%s', (_label, who, about, visibility, allowed) => {
    expect(mayManageRule(who, visibility, about, 'en').allowed).toBe(allowed);
  });

  it('says why, in the asker’s language', () => {
    const refused = mayManageRule(alice, 'team', paris, 'fr');
    expect(refused.allowed === false && refused.message).toMatch(/vos propres chiffres/);
    const unmapped = mayManageRule(viewer, 'team', company, 'en');
    expect(unmapped.allowed === false && unmapped.message).toMatch(/\/kpi map/);
  });

  it('lets the rep concerned, their manager and admins ack; not another rep nor a viewer', () => {
    expect(mayActOnAlert(alice, 'team', aliceOwn, 'en').allowed).toBe(true);
    expect(mayActOnAlert(marc, 'team', aliceOwn, 'en').allowed).toBe(true);
    expect(mayActOnAlert(admin, 'team', zoeOwn, 'en').allowed).toBe(true);
    expect(mayActOnAlert(alice, 'team', paris, 'en').allowed).toBe(false);
    expect(mayActOnAlert(marc, 'team', zoeOwn, 'en').allowed).toBe(false);
    expect(mayActOnAlert(viewer, 'open', company, 'en').allowed).toBe(false);
  });

  it('reads alerts as the access rules show figures', () => {
    expect(mayReadAlert(alice, 'team', paris)).toBe(true);
    expect(mayReadAlert(alice, 'team', zoeOwn)).toBe(false);
    expect(mayReadAlert(alice, 'team', everyParisRep)).toBe(false);
    expect(mayReadAlert(marc, 'team', everyParisRep)).toBe(true);
    expect(mayReadAlert(alice, 'self', lyon)).toBe(false);
    expect(mayReadAlert(viewer, 'open', zoeOwn)).toBe(true);
  });
});

describe('a rule in words', () => {
  const percent = { label: 'Win rate', format: 'percent' as const };
  it.each<[string, Parameters<typeof describeRule>[0], 'en' | 'fr', string]>([
    [
      'threshold',
      {
        condition: { kind: 'threshold', op: 'below', value: 0.3, windowDays: 14 },
        scope: { team: 'Paris' },
        fanOut: null,
      },
      'en',
      'Alerts when Win rate (team Paris) over 14 days goes below 30%.',
    ],
    [
      'change, each rep',
      {
        condition: {
          kind: 'change',
          direction: 'drop',
          pct: 0.2,
          versus: 'previous',
          windowDays: 7,
          minVolume: 10,
        },
        scope: {},
        fanOut: 'rep',
      },
      'en',
      'Alerts when Win rate of each rep (company) drops 20% or more over 7 days vs the 7 days before, from a volume of 10.',
    ],
    [
      'pace, French',
      {
        condition: { kind: 'pace', below: 0.8, grain: 'month', minElapsed: 0.2, workingDays: true },
        scope: { rep: 'alice@acme.test' },
        fanOut: null,
      },
      'fr',
      'Alerte quand Win rate (alice@acme.test) passe sous 80\u00a0% du rythme de son objectif mensuel, en jours ouvrés, pas avant 20\u00a0% de la période.',
    ],
    [
      'anomaly',
      {
        condition: {
          kind: 'anomaly',
          direction: 'down',
          weeks: 8,
          lookbackDays: 1,
          sensitivity: 3,
          minChange: 0.5,
          minVolume: 5,
        },
        scope: { channel: 'web_form' },
        fanOut: null,
      },
      'en',
      'Alerts when Win rate (channel web_form) dips unusually on a day, against the same weekday over 8 weeks (a change of 50% at least).',
    ],
  ])('%s', (_label, spec, lang, words) => {
    expect(describeRule(spec, percent, lang).replace(/\u202f/g, '\u00a0')).toBe(words);
  });

  it('says how it checks and where it tells', () => {
    expect(lifecycleWords({ lifecycle: { forEvaluations: 2, repeatEveryMinutes: 240 } }, 'en')).toBe(
      'fires after 2 evaluations in a row · reminds every 4\u00a0h while firing',
    );
    expect(lifecycleWords({ lifecycle: { forEvaluations: 1, repeatEveryMinutes: 0 } }, 'fr')).toBe(
      'se déclenche dès la première évaluation · sans rappel',
    );
    expect(
      routeWords(
        [
          { to: 'channel', platform: 'slack', id: 'C0SALES' },
          { to: 'channel', platform: 'slack', id: 'C0OTHER' },
          { to: 'owner' },
          { to: 'manager' },
        ],
        'C0SALES',
        'en',
      ),
    ).toBe("here, <#C0OTHER>, the rep concerned, by DM, the team's manager, by DM");
  });
});
