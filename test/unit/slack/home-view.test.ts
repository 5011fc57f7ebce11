import { describe, expect, it } from 'vitest';
import { renderHomeView, validateBlockKit } from '../../../src/slack/blocks/index.ts';
import { frenchRevenue, makeAnswer, winRateByRep } from './answer-factory.ts';
import { textsOf } from './message-text.ts';

const meetings = makeAnswer({
  metric: { name: 'meetings', label: 'Meetings', format: 'number', direction: 'up_is_good' },
  period: {
    start: '2026-11-16T00:00:00+01:00',
    end: '2026-11-18T10:00:00+01:00',
    label: 'this week',
    tz: 'Europe/Paris',
  },
  value: 7,
  numerator: null,
  denominator: null,
  comparison: null,
  target: { value: 12, attainment: 0.5833, pace: null },
});

describe('renderHomeView', () => {
  it('a mapped rep: greeting, my figures and team figures as two-column fields, placeholders for later features', () => {
    const view = renderHomeView({
      lang: 'en',
      user: { name: 'Alice Martin', role: 'rep', team: 'Paris' },
      myFigures: [meetings, winRateByRep],
      teamFigures: [winRateByRep],
      alerts: [],
      subscriptions: [],
    });
    expect(view.type).toBe('home');
    expect(validateBlockKit(view)).toEqual([]);
    const text = textsOf(view);
    expect(text).toContain(':wave: Hi *Alice Martin* · rep · Paris');
    expect(text).toContain('My figures');
    expect(text).toContain('*Meetings* · this week\n*7* · :dart: 58%');
    expect(text).toContain('*Win rate* · last week\n*42.1%* :large_green_circle: ▲ +3.1 pts · :dart: 94%');
    expect(text).toContain('Alerts\n_None yet._\nDigest subscriptions\n_None yet._');
    expect(view).toMatchSnapshot();
  });

  it('an unmapped user in French: how to get mapped, no "my figures"', () => {
    const view = renderHomeView({
      lang: 'fr',
      user: null,
      myFigures: [],
      teamFigures: [frenchRevenue],
      alerts: [{ text: '<@U1> : CA signé en retard sur l’objectif' }],
      subscriptions: [],
    });
    expect(validateBlockKit(view)).toEqual([]);
    const text = textsOf(view);
    expect(text).toContain('Vous n’êtes associé à aucun commercial');
    expect(text).not.toContain('Mes chiffres');
    expect(text).toContain('*CA signé* · ce mois-ci\n*123 457 €* :red_circle: ▼ -11,8 % · :dart: 49 %');
    expect(text).toContain('• <@U1> : CA signé en retard sur l’objectif');
    expect(view).toMatchSnapshot();
  });

  it('no figures yet', () => {
    const view = renderHomeView({
      lang: 'en',
      user: { name: 'Marc <Boss>', role: 'manager', team: null },
      myFigures: [],
      teamFigures: [],
      alerts: [],
      subscriptions: [],
    });
    const text = textsOf(view);
    expect(text).toContain('Hi *Marc &lt;Boss&gt;* · manager');
    expect(text).toContain('_No figures yet: import data or connect your CRM._');
  });
});
