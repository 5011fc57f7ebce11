import type { FakeSalesforce } from '../../support/fake-salesforce.ts';

/** A small org: two sales users (and one automated user), three leads, three opportunities, two events, a campaign. */
export function seedSalesforceOrg(sf: FakeSalesforce): void {
  const user = (Id: string, Name: string, Email: string, UserType = 'Standard') =>
    sf.put('User', {
      Id,
      Name,
      Email,
      IsActive: true,
      UserType,
      SystemModstamp: '2026-01-05T08:00:00.000+0000',
    });
  user('005A00000000001', 'Alice Martin', 'alice@acme.test');
  user('005A00000000002', 'Bruno Petit', 'bruno@acme.test');
  user('005A00000000003', 'Automated Process', 'autoproc@00d.test', 'AutomatedProcess');

  sf.put('Account', {
    Id: '001A00000000001',
    Name: 'Globex SA',
    SystemModstamp: '2026-03-01T08:00:00.000+0000',
  });

  const lead = (row: Record<string, unknown>) =>
    sf.put('Lead', {
      IsConverted: false,
      ConvertedDate: null,
      ConvertedOpportunityId: null,
      LeadSource: 'Web',
      OwnerId: '005A00000000001',
      LastModifiedDate: row.SystemModstamp,
      ...row,
    });
  lead({
    Id: '00QA00000000001',
    Name: 'Chloé Durand',
    Email: 'chloe@initech.test',
    Company: 'Initech',
    Status: 'Qualified',
    CreatedDate: '2026-03-02T09:00:00.000+0000',
    LastModifiedDate: '2026-03-03T10:00:00.000+0000',
    SystemModstamp: '2026-03-06T12:00:00.000+0000',
  });
  lead({
    Id: '00QA00000000002',
    Name: 'Denis Roy',
    Company: 'Globex SA',
    Status: 'Closed - Converted',
    IsConverted: true,
    ConvertedDate: '2026-03-05',
    ConvertedOpportunityId: '006A00000000001',
    LeadSource: 'Partner',
    CreatedDate: '2026-03-02T11:00:00.000+0000',
    SystemModstamp: '2026-03-06T12:00:00.000+0000',
  });
  lead({
    Id: '00QA00000000003',
    Name: 'Eve Blanc',
    Company: 'Umbrella',
    Status: 'Open - Not Contacted',
    OwnerId: '005A00000000002',
    CreatedDate: '2026-03-04T15:00:00.000+0000',
    SystemModstamp: '2026-03-07T09:00:00.000+0000',
  });
  sf.put('LeadHistory', {
    Id: '017A00000000001',
    LeadId: '00QA00000000002',
    Field: 'Status',
    OldValue: 'Working',
    NewValue: 'Qualified',
    CreatedDate: '2026-03-04T08:00:00.000+0000',
  });

  const opportunity = (row: Record<string, unknown>) =>
    sf.put('Opportunity', {
      AccountId: '001A00000000001',
      LeadSource: 'Partner',
      CurrencyIsoCode: 'EUR',
      ...row,
    });
  opportunity({
    Id: '006A00000000001',
    Name: 'Globex — licences',
    OwnerId: '005A00000000001',
    StageName: 'Closed Won',
    IsClosed: true,
    IsWon: true,
    Amount: 12000,
    CreatedDate: '2026-03-05T10:00:00.000+0000',
    CloseDate: '2026-03-10',
    SystemModstamp: '2026-03-10T16:00:00.000+0000',
  });
  opportunity({
    Id: '006A00000000002',
    Name: 'Globex — support',
    OwnerId: '005A00000000002',
    StageName: 'Negotiation',
    IsClosed: false,
    IsWon: false,
    Amount: 5000,
    CreatedDate: '2026-03-06T10:00:00.000+0000',
    CloseDate: '2026-03-31',
    SystemModstamp: '2026-03-08T16:00:00.000+0000',
  });
  opportunity({
    Id: '006A00000000003',
    Name: 'Umbrella pilot',
    AccountId: null,
    OwnerId: '005A00000000002',
    StageName: 'Closed Lost',
    IsClosed: true,
    IsWon: false,
    Amount: 3000,
    LeadSource: null,
    CreatedDate: '2026-03-03T10:00:00.000+0000',
    CloseDate: '2026-03-09',
    SystemModstamp: '2026-03-09T16:00:00.000+0000',
  });
  const history = (Id: string, OpportunityId: string, StageName: string, CreatedDate: string) =>
    sf.put('OpportunityHistory', { Id, OpportunityId, StageName, CreatedDate });
  history('008A00000000001', '006A00000000001', 'Prospecting', '2026-03-05T10:00:00.000+0000');
  history('008A00000000002', '006A00000000001', 'Proposal/Price Quote', '2026-03-07T10:00:00.000+0000');
  history('008A00000000003', '006A00000000001', 'Proposal/Price Quote', '2026-03-08T10:00:00.000+0000');
  history('008A00000000004', '006A00000000001', 'Closed Won', '2026-03-10T16:00:00.000+0000');

  sf.put('Event', {
    Id: '00UA00000000001',
    Subject: 'Discovery call with Chloé',
    Type: 'Meeting',
    StartDateTime: '2026-03-03T14:00:00.000+0000',
    ActivityDateTime: '2026-03-03T14:00:00.000+0000',
    OwnerId: '005A00000000001',
    WhoId: '00QA00000000001',
    WhatId: null,
    SystemModstamp: '2026-03-03T09:00:00.000+0000',
  });
  sf.put('Event', {
    Id: '00UA00000000002',
    Subject: 'Pricing call',
    Type: 'Call',
    StartDateTime: '2026-03-07T09:30:00.000+0000',
    ActivityDateTime: '2026-03-07T09:30:00.000+0000',
    OwnerId: '005A00000000002',
    WhoId: '003A00000000001',
    WhatId: '006A00000000002',
    SystemModstamp: '2026-03-06T09:00:00.000+0000',
  });

  sf.put('Campaign', {
    Id: '701A00000000001',
    Name: 'Spring webinar',
    Type: 'Webinar',
    StartDate: '2026-03-01',
    CreatedDate: '2026-02-20T10:00:00.000+0000',
    ActualCost: 1500,
    NumberSent: 800,
    NumberOfLeads: 25,
    SystemModstamp: '2026-02-20T10:00:00.000+0000',
  });
}
