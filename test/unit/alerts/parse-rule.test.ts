import { describe, expect, it } from 'vitest';
import { type AlertRuleSpec, type Lang, parseAlertRule } from '../../../src/core/alerts/index.ts';
import { builtinCatalog } from '../../../src/core/metrics/index.ts';
import { ANOMALY_DEFAULTS, DROP_20 } from './fixtures.ts';

const catalog = builtinCatalog();
const parse = (text: string, lang?: Lang) => parseAlertRule(text, { catalog, ...(lang ? { lang } : {}) });

type Expected = Partial<Omit<AlertRuleSpec, 'condition' | 'lifecycle'>> & {
  condition?: Partial<AlertRuleSpec['condition']>;
  lifecycle?: Partial<AlertRuleSpec['lifecycle']>;
  lang?: Lang;
};

const MEETING_TO_PROPOSAL_DROP = {
  metric: 'meeting_to_proposal_rate',
  condition: DROP_20,
} as const;

const ENGLISH: ReadonlyArray<readonly [string, Expected]> = [
  ['leads above 1,500 monthly', { condition: { kind: 'threshold', value: 1500, windowDays: 30 } }],
  ['leads above 2,500,000', { condition: { kind: 'threshold', value: 2_500_000 } }],
  [
    'conversion meeting→proposal drops 20% vs previous week team:emea',
    { ...MEETING_TO_PROPOSAL_DROP, scope: { team: 'emea' }, fanOut: null, routing: [], lang: 'en' },
  ],
  ['meeting to proposal drops 20% vs previous week', MEETING_TO_PROPOSAL_DROP],
  ['meeting->proposal drops 20% vs previous week', MEETING_TO_PROPOSAL_DROP],
  [
    'team:emea vs previous week, meeting → proposal drops by 20%',
    { ...MEETING_TO_PROPOSAL_DROP, scope: { team: 'emea' } },
  ],
  [
    'revenue signed pace < 80% of target monthly',
    {
      metric: 'revenue_signed',
      condition: { kind: 'pace', below: 0.8, grain: 'month', minElapsed: 0.2, workingDays: true },
    },
  ],
  [
    'alert me if revenue signed is behind pace this quarter',
    { metric: 'revenue_signed', condition: { kind: 'pace', below: 0.8, grain: 'quarter' } },
  ],
  [
    'revenue signed pace below 0.7 weekly calendar days',
    { metric: 'revenue_signed', condition: { kind: 'pace', below: 0.7, grain: 'week', workingDays: false } },
  ],
  [
    'win rate below 20% over 30 days by rep',
    {
      metric: 'win_rate',
      fanOut: 'rep',
      condition: { kind: 'threshold', op: 'below', value: 0.2, windowDays: 30 },
    },
  ],
  [
    'win rate < 20',
    { metric: 'win_rate', condition: { kind: 'threshold', op: 'below', value: 0.2, windowDays: 7 } },
  ],
  [
    'leads above 200 weekly',
    { metric: 'leads', condition: { kind: 'threshold', op: 'above', value: 200, windowDays: 7 } },
  ],
  [
    'leads > 1 000 monthly',
    { metric: 'leads', condition: { kind: 'threshold', op: 'above', value: 1000, windowDays: 30 } },
  ],
  [
    'leads above 10k daily',
    { metric: 'leads', condition: { kind: 'threshold', value: 10_000, windowDays: 1 } },
  ],
  [
    'revenue signed above 50 000 € this month per team',
    {
      metric: 'revenue_signed',
      fanOut: 'team',
      condition: { kind: 'threshold', op: 'above', value: 50_000 },
    },
  ],
  [
    'leads channel web_form anomaly',
    {
      metric: 'leads',
      scope: { channel: 'web_form' },
      condition: ANOMALY_DEFAULTS,
    },
  ],
  [
    'unusual leads from web_form daily',
    { metric: 'leads', scope: { channel: 'web_form' }, condition: { kind: 'anomaly', lookbackDays: 1 } },
  ],
  ['anomaly spikes in leads', { metric: 'leads', condition: { kind: 'anomaly', direction: 'up' } }],
  ['leads dips', { metric: 'leads', condition: { kind: 'anomaly', direction: 'down' } }],
  [
    'leads anomaly over 12 weeks last 3 days by channel',
    { metric: 'leads', fanOut: 'channel', condition: { kind: 'anomaly', weeks: 12, lookbackDays: 3 } },
  ],
  [
    'revenue signed drops 30% vs last year team Paris for 2 checks repeat every 4h to #sales',
    {
      metric: 'revenue_signed',
      scope: { team: 'Paris' },
      condition: { kind: 'change', direction: 'drop', pct: 0.3, versus: 'last_year', windowDays: 7 },
      lifecycle: { forEvaluations: 2, repeatEveryMinutes: 240 },
      routing: [{ to: 'channel', platform: 'slack', id: 'sales' }],
    },
  ],
  [
    'leads drops 20% vs previous month dm owner',
    { condition: { windowDays: 30 }, routing: [{ to: 'owner' }] },
  ],
  ['win rate below 20% dm manager', { routing: [{ to: 'manager' }] }],
  [
    'when leads fall by more than 25% week over week, dm owner and manager',
    {
      condition: { kind: 'change', pct: 0.25, windowDays: 7 },
      routing: [{ to: 'owner' }, { to: 'manager' }],
    },
  ],
  ['leads drops 20% vs previous 14 days', { condition: { windowDays: 14 } }],
  ['leads -20% vs last year', { condition: { kind: 'change', direction: 'drop', versus: 'last_year' } }],
  ['leads +30% wow', { condition: { kind: 'change', direction: 'rise', pct: 0.3, windowDays: 7 } }],
  ['leads rise 50% yoy', { condition: { kind: 'change', direction: 'rise', versus: 'last_year' } }],
  [
    'conversion rate channel email drops 10%',
    { metric: 'conversion_rate', scope: { channel: 'email' }, condition: { kind: 'change', pct: 0.1 } },
  ],
  [
    'leads rises 50% vs previous month for 3 times in a row no repeat',
    { lifecycle: { forEvaluations: 3, repeatEveryMinutes: 0 } },
  ],
  ['leads drops 20% repeat hourly', { lifecycle: { forEvaluations: 1, repeatEveryMinutes: 60 } }],
  [
    'leads drops 20% to <#C0123ABC|sales>',
    { routing: [{ to: 'channel', platform: 'slack', id: 'C0123ABC' }] },
  ],
  ['leads drops 20% for <@U42|bob>', { scope: { rep: '<@U42>' } }],
  ['leads drops 20% rep alice@acme.com', { scope: { rep: 'alice@acme.com' } }],
  ['leads drops 20% named "Lead Watch"', { name: 'Lead Watch' }],
];

const FRENCH: ReadonlyArray<readonly [string, Expected]> = [
  [
    'taux de gain sous 12,5 %',
    { metric: 'win_rate', condition: { kind: 'threshold', op: 'below', value: 0.125 } },
  ],
  [
    'taux rdv→proposition baisse de 20 % vs semaine précédente équipe:Lyon',
    { ...MEETING_TO_PROPOSAL_DROP, scope: { team: 'Lyon' }, lang: 'fr' },
  ],
  [
    "CA signé rythme < 80 % de l'objectif mensuel",
    { metric: 'revenue_signed', condition: { kind: 'pace', below: 0.8, grain: 'month' }, lang: 'fr' },
  ],
  [
    'taux de réussite sous 20 % sur 30 jours par commercial',
    {
      metric: 'win_rate',
      fanOut: 'rep',
      condition: { kind: 'threshold', op: 'below', value: 0.2, windowDays: 30 },
    },
  ],
  [
    'leads canal web_form anomalie',
    { metric: 'leads', scope: { channel: 'web_form' }, condition: { kind: 'anomaly' } },
  ],
  [
    'leads baisse de 20 % vs semaine précédente pendant 3 évaluations répéter toutes les 4 h vers #ventes',
    {
      lifecycle: { forEvaluations: 3, repeatEveryMinutes: 240 },
      routing: [{ to: 'channel', platform: 'slack', id: 'ventes' }],
      lang: 'fr',
    },
  ],
  ['leads anomalie mp propriétaire', { routing: [{ to: 'owner' }] }],
  ['leads anomalie mp manager', { routing: [{ to: 'manager' }] }],
  [
    'leads hausse de 40 % vs mois précédent mp au manager',
    { condition: { direction: 'rise', pct: 0.4, windowDays: 30 } },
  ],
  ["CA signé en baisse de 30 % par rapport à l'an dernier", { condition: { versus: 'last_year', pct: 0.3 } }],
  [
    'nombre de leads sous 50 par semaine équipe de Paris',
    { scope: { team: 'Paris' }, condition: { kind: 'threshold', value: 50, windowDays: 7 } },
  ],
  [
    'rdv anomalie canal events répéter toutes les 30 min',
    { metric: 'meetings', lifecycle: { repeatEveryMinutes: 30 } },
  ],
  ['leads pics inhabituels', { condition: { kind: 'anomaly', direction: 'up' } }],
  ['leads baisse de 20 % sans répétition', { lifecycle: { repeatEveryMinutes: 0 } }],
];

describe('parseAlertRule', () => {
  it.each([...ENGLISH, ...FRENCH])('%s', (text, expected) => {
    const result = parse(text);
    if (!result.ok) throw new Error(result.message);
    const { condition, lifecycle, lang, ...rest } = expected;
    expect(result.spec).toMatchObject(rest);
    if (condition) expect(result.spec.condition).toMatchObject(condition);
    if (lifecycle) expect(result.spec.lifecycle).toMatchObject(lifecycle);
    if (lang) expect(result.lang).toBe(lang);
    expect(result.ignored).toEqual([]);
  });

  it('fills every default of the spec', () => {
    const result = parse('leads above 200 weekly');
    expect(result).toEqual({
      ok: true,
      lang: 'en',
      ignored: [],
      spec: {
        name: 'leads above 200 weekly',
        metric: 'leads',
        scope: {},
        fanOut: null,
        condition: { kind: 'threshold', op: 'above', value: 200, windowDays: 7 },
        lifecycle: { forEvaluations: 1, repeatEveryMinutes: 1440 },
        routing: [],
        lang: 'en',
      },
    });
  });

  it('names the rule after the text, mentions readable, long text cut', () => {
    const result = parse('leads   drops 20% to <#C0123ABC|sales>');
    expect(result.ok && result.spec.name).toBe('leads drops 20% to #sales');
    const long = parse(
      `leads drops 20% vs previous week team:emea for 2 checks repeat every 4h ${'to #sales '.repeat(5)}`,
    );
    expect(long.ok && long.spec.name.length).toBe(80);
    expect(long.ok && long.spec.name.endsWith('…')).toBe(true);
  });

  it('reports words it did not understand', () => {
    const result = parse('leads drops 20% vs previous week pineapple');
    expect(result.ok && result.ignored).toEqual(['pineapple']);
  });

  it('uses the locale only when the words do not decide', () => {
    expect(parse('leads anomaly', 'fr').lang).toBe('en');
    expect(parse('leads -20%', 'fr').lang).toBe('fr');
    expect(parse('leads -20%').lang).toBe('en');
  });
});

describe('parseAlertRule errors', () => {
  it('an unknown metric: the closest ones and an example', () => {
    const result = parse('conversoin rate drops 20%');
    expect(result).toMatchObject({ ok: false, lang: 'en' });
    if (result.ok) return;
    expect(result.message).toContain("I don't know the metric “conversoin”");
    expect(result.message).toContain('Did you mean: Conversion rate');
    expect(result.example).toBe('/kpi alerts add conversion rate drops 20% vs previous week');
    const fr = parse('tôt de conversoin baisse de 20 %');
    expect(fr.ok).toBe(false);
    if (!fr.ok) expect(fr.message).toContain("Je ne connais pas l'indicateur");
  });

  it('no condition: the four kinds with one example each, on the metric named', () => {
    const result = parse('win rate');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.split('\n')).toEqual([
      'When should it alert? A rule says one of these four things:',
      '• threshold: `/kpi alerts add win rate below 20 over 7 days`',
      '• change: `/kpi alerts add win rate drops 20% vs previous week`',
      '• objective pace: `/kpi alerts add win rate pace < 80% of target monthly`',
      '• anomaly: `/kpi alerts add win rate anomaly`',
    ]);
    const fr = parse('taux de gain', 'fr');
    expect(fr.ok === false && fr.message.startsWith('Quand alerter')).toBe(true);
  });

  it('an ambiguous metric asks which one, with the choices', () => {
    const result = parse('cost drops 20%');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      '“cost” could mean Marketing spend or Customer acquisition cost (CAC) or Cost per lead (CPL). Which one? For example: `/kpi alerts add marketing spend drops 20% vs previous week`',
    );
  });

  it.each<[string, RegExp]>([
    ['leads drops 2000%', /The change must be more than 0% and at most 1,000%/],
    ['leads baisse de 2000 %', /La variation doit être supérieure à 0/],
    ['leads drops 20% vs previous 400 days', /The window must be 1 to 366 days/],
    ['leads anomaly over 2 weeks', /3 to 52 weeks of history/],
    ['leads drops 20% repeat every 100 days', /at most every 90 days/],
    ['leads above 20%', /percentage threshold only makes sense for a rate/],
    ['leads anomaly by stage', /each rep, team or channel/],
    ['leads drops 20% for 0 checks', /number of checks in a row must be 1 to 100/],
  ])('%s → a clear message', (text, message) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.example).toMatch(/^\/kpi alerts add /);
    }
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [
      '',
      '   ',
      '🙂🙂🙂',
      '%%%%',
      '<<<>>>',
      '#',
      '# # #',
      'drops 20%',
      'vs vs vs',
      '20% 30% 40%',
      'leads '.repeat(200),
      'x'.repeat(10_000),
      '<#C1|a> <@U1|b> <!here>',
      'leads drops 20% vs previous 0 days',
      'leads above -5',
      'leads repeat every 0 h drops 10%',
      'CA signé rythme < 80000 % de objectif',
      '\u0000\u0001\u202e leads',
      null,
      undefined,
      42,
    ];
    for (const input of inputs) {
      const result = parseAlertRule(input as string, { catalog });
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) {
        expect(result.message.length).toBeGreaterThan(10);
        expect(result.example).toMatch(/^\/kpi /);
      }
    }
  });

  it('refuses text over 500 characters with an example', () => {
    const result = parse(`leads drops 20% ${'very '.repeat(120)}`);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain('500 characters at most');
  });

  it('random words and digits never throw', () => {
    const words = [
      'leads',
      'drops',
      '20%',
      'vs',
      'previous',
      'week',
      'team:x',
      'by',
      'rep',
      '#c',
      'dm',
      'owner',
      'anomalie',
      'sous',
      '<',
      '80',
      '%',
      'of',
      'target',
      'pendant',
      '3',
      'évaluations',
      '→',
      '🙂',
      'répéter',
      'toutes',
      'les',
      '4h',
      'rythme',
      'above',
      'weekly',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let i = 0; i < 300; i += 1) {
      const text = Array.from({ length: 1 + (next() % 12) }, () => words[next() % words.length]).join(' ');
      expect(() => parse(text)).not.toThrow();
    }
  });
});
