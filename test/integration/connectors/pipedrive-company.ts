import {
  emptyPipedriveState,
  type FakePdDeal,
  type FakePipedriveState,
} from '../../support/fake-pipedrive.ts';

/** A small Pipedrive company for connector tests: two users, four stages, three leads, four deals, three activities. */

/** v2 and leads instants (RFC 3339) and v1 flow log times ("YYYY-MM-DD HH:MM:SS", UTC). */
export const at = (day: number, hour = 9) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const logTime = (day: number, hour = 9) => at(day, hour).replace('T', ' ').replace('Z', '');
export const date = (day: number, hour = 9) => new Date(at(day, hour));

export const LEAD_A = 'adf21080-0e10-11eb-879b-05d71fb426ec';
export const LEAD_B = 'b1c2d3e4-0e10-11eb-879b-05d71fb426ec';
export const LEAD_C = 'c1c2d3e4-0e10-11eb-879b-05d71fb426ec';
export const LEAD_GONE = 'd1c2d3e4-0e10-11eb-879b-05d71fb426ec';

function deal(id: number, extra: Partial<FakePdDeal>): FakePdDeal {
  return {
    id,
    title: `Deal ${id}`,
    owner_id: 11,
    person_id: 300,
    pipeline_id: 1,
    stage_id: 1,
    value: 5000,
    currency: 'EUR',
    add_time: at(5),
    update_time: at(6),
    stage_change_time: null,
    status: 'open',
    is_deleted: false,
    is_archived: false,
    won_time: null,
    lost_time: null,
    close_time: null,
    source_lead_id: null,
    ...extra,
  };
}

export function seedPipedriveCompany(): FakePipedriveState {
  const state = emptyPipedriveState();
  state.users = [
    { id: 11, name: 'Alice Martin', email: 'alice@acme.test', active_flag: true, is_admin: 1 },
    { id: 12, name: 'Bob Durand', email: 'bob@acme.test', active_flag: false, is_admin: 0 },
  ];
  state.stages = [
    { id: 1, name: 'Qualified', pipeline_id: 1, order_nr: 1 },
    { id: 2, name: 'Demo', pipeline_id: 1, order_nr: 2 },
    { id: 3, name: 'Proposal Made', pipeline_id: 1, order_nr: 3 },
    { id: 4, name: 'Negotiation', pipeline_id: 1, order_nr: 4 },
  ];
  state.leads = [
    {
      id: LEAD_A,
      title: 'Lead A',
      owner_id: 11,
      person_id: 300,
      source_name: 'Web forms',
      is_archived: false,
      add_time: '2026-03-01T08:00:00.000Z',
      update_time: '2026-03-01T08:30:00.000Z',
    },
    {
      id: LEAD_B,
      title: 'Lead B',
      owner_id: 12,
      person_id: 301,
      source_name: null,
      is_archived: true,
      add_time: '2026-03-02T08:00:00.000Z',
      update_time: '2026-03-03T08:00:00.000Z',
    },
    {
      id: LEAD_C,
      title: 'Lead C',
      owner_id: 11,
      person_id: 302,
      source_name: 'API',
      is_archived: true,
      add_time: '2026-03-02T10:00:00.000Z',
      update_time: '2026-03-04T08:00:00.000Z',
    },
  ];
  state.deals = [
    deal(1, {
      status: 'won',
      stage_id: 4,
      value: 12000,
      source_lead_id: LEAD_C,
      stage_change_time: at(9),
      won_time: at(12),
      close_time: at(12),
      update_time: at(12),
      stageChanges: [
        { old_value: '1', new_value: '2', log_time: logTime(6) },
        { old_value: '2', new_value: '3', log_time: logTime(8) },
        { old_value: '3', new_value: '4', log_time: logTime(9) },
      ],
    }),
    deal(2, {
      status: 'lost',
      stage_id: 2,
      lost_time: at(10),
      close_time: at(10),
      update_time: at(10),
      stage_change_time: at(7),
      stageChanges: [{ old_value: '1', new_value: '2', log_time: logTime(7) }],
    }),
    deal(3, { source_lead_id: LEAD_GONE, add_time: at(8), update_time: at(8) }),
    deal(4, { is_archived: true, status: 'lost', lost_time: at(4), update_time: at(4) }),
  ];
  state.activities = [
    {
      id: 801,
      subject: 'Discovery',
      type: 'meeting',
      owner_id: 11,
      is_deleted: false,
      done: true,
      deal_id: 1,
      lead_id: null,
      due_date: '2026-03-07',
      due_time: '14:30',
      add_time: at(6),
      update_time: at(7),
    },
    {
      id: 802,
      subject: 'Call back',
      type: 'call',
      owner_id: 12,
      is_deleted: false,
      done: false,
      deal_id: null,
      lead_id: LEAD_A,
      due_date: '2026-03-08',
      due_time: '',
      add_time: at(6),
      update_time: at(8),
    },
    {
      id: 803,
      subject: 'Prepare deck',
      type: 'task',
      owner_id: 11,
      is_deleted: false,
      done: false,
      deal_id: 1,
      lead_id: null,
      due_date: '2026-03-08',
      due_time: '09:00',
      add_time: at(6),
      update_time: at(8),
    },
  ];
  return state;
}
