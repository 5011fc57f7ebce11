import { emptyHubspotState, type FakeHubspotState } from '../../support/fake-hubspot.ts';

/** A small HubSpot portal for connector tests: three owners, three contacts, four deals, a meeting, two emails. */

export const T0 = '2026-03-02T09:00:00.000Z';
export const iso = (day: number, hour = 9) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();

export function seedHubspotPortal(): FakeHubspotState {
  const state = emptyHubspotState();
  state.owners = [
    {
      id: '101',
      email: 'alice@acme.test',
      firstName: 'Alice',
      lastName: 'Martin',
      userId: 1,
      createdAt: T0,
      updatedAt: T0,
      archived: false,
      teams: [
        { id: '9', name: 'Paris', primary: false },
        { id: '8', name: 'EMEA', primary: true },
      ],
    },
    {
      id: '102',
      email: 'bob@acme.test',
      firstName: 'Bob',
      lastName: 'Durand',
      userId: 2,
      createdAt: T0,
      updatedAt: iso(3),
      archived: false,
    },
    {
      id: '103',
      email: 'carol@acme.test',
      firstName: 'Carol',
      lastName: 'Petit',
      userId: 3,
      createdAt: T0,
      updatedAt: iso(4),
      archived: true,
    },
  ];
  state.objects.contacts = [1, 2, 3].map((n) => ({
    id: String(n),
    createdAt: iso(n),
    updatedAt: iso(n, 12),
    properties: {
      email: `lead${n}@client.test`,
      firstname: `Lead${n}`,
      lastname: 'Client',
      company: `Client ${n}`,
      createdate: iso(n),
      lastmodifieddate: iso(n, 12),
      lifecyclestage: n === 1 ? 'customer' : n === 2 ? 'salesqualifiedlead' : 'lead',
      hubspot_owner_id: n === 3 ? null : '101',
      hs_analytics_source: n === 1 ? 'ORGANIC_SEARCH' : 'PAID_SOCIAL',
      hs_lifecyclestage_salesqualifiedlead_date: n <= 2 ? iso(n, 15) : null,
      hs_lifecyclestage_marketingqualifiedlead_date: iso(n, 14),
      hs_lifecyclestage_customer_date: n === 1 ? iso(10) : null,
    },
  }));
  state.pipelines = [
    {
      id: 'default',
      label: 'Sales Pipeline',
      stages: [
        { id: 'appointmentscheduled', label: 'Appointment Scheduled', isClosed: false },
        { id: '1001', label: 'Proposal Sent', isClosed: false },
        { id: 'closedwon', label: 'Closed Won', isClosed: true },
        { id: 'closedlost', label: 'Closed Lost', isClosed: true },
      ],
    },
    { id: 'renewals', label: 'Renewals', stages: [{ id: '2001', label: 'Renewal due', isClosed: false }] },
  ];
  const deal = (id: string, stage: string, pipeline: string, extra: Record<string, string | null>) => ({
    id,
    createdAt: iso(5),
    updatedAt: iso(12),
    properties: {
      dealname: `Deal ${id}`,
      dealstage: stage,
      pipeline,
      amount: '12500.50',
      deal_currency_code: 'EUR',
      createdate: iso(5),
      closedate: iso(12),
      hs_lastmodifieddate: iso(12),
      hs_is_closed_won: 'false',
      hs_is_closed: 'false',
      hubspot_owner_id: '102',
      ...extra,
    },
  });
  state.objects.deals = [
    {
      ...deal('501', 'closedwon', 'default', { hs_is_closed_won: 'true', hs_is_closed: 'true' }),
      stageHistory: [
        { value: 'closedwon', timestamp: iso(12) },
        { value: '1001', timestamp: iso(8) },
        { value: 'appointmentscheduled', timestamp: iso(5) },
      ],
    },
    deal('502', 'closedlost', 'default', { hs_is_closed: 'true', amount: null }),
    deal('503', '1001', 'default', { hs_lastmodifieddate: iso(11) }),
    deal('601', '2001', 'renewals', {}),
  ];
  state.associations['deals/contacts'] = { '501': ['1', '2'] };
  state.objects.meetings = [
    {
      id: '9001',
      createdAt: iso(6),
      updatedAt: iso(6),
      properties: {
        hs_meeting_start_time: iso(7, 14),
        hs_timestamp: iso(7, 14),
        hubspot_owner_id: '101',
        hs_lastmodifieddate: iso(6),
      },
    },
  ];
  state.associations['meetings/contacts'] = { '9001': ['2'] };
  state.associations['meetings/deals'] = { '9001': ['503'] };
  state.emails = [
    {
      id: '70001',
      name: 'March newsletter',
      publishDate: '2026-03-09T23:30:00.000Z',
      createdAt: iso(1),
      updatedAt: iso(9),
      counters: {
        sent: 1000,
        delivered: 980,
        open: 410,
        click: 55,
        unsubscribed: 4,
        spamreport: 1,
        bounce: 20,
      },
    },
    { id: '70002', name: 'Draft', createdAt: iso(1), updatedAt: iso(9), counters: {} },
  ];
  return state;
}
