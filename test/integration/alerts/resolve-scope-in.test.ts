import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory } from '../../../src/app/alerts/directory.ts';
import { resolveScope, resolveScopeIn } from '../../../src/app/resolve-scope.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';

const TENANT = 'scopes';
const SYSTEM = {
  viewer: { repId: null, role: 'admin' as const, teamId: null, managedTeamIds: [] },
  rep: null,
};

type Words = Parameters<typeof resolveScopeIn>[1];

describe('rule scopes resolved from the directory', () => {
  let t: TestDatabase;
  let dir: Directory;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    const prisma = t.db.prisma;
    await prisma.tenant.create({ data: { id: TENANT, name: 'Scopes' } });
    await prisma.team.createMany({
      data: [
        { id: 'lyon', tenantId: TENANT, name: 'Lyon Est' },
        { id: 'idf', tenantId: TENANT, name: 'Île-de-France' },
      ],
    });
    await prisma.rep.createMany({
      data: [
        { id: 'r1', tenantId: TENANT, name: 'Julien Moreau', email: 'Julien.Moreau@acme.fr', teamId: 'lyon' },
        { id: 'r2', tenantId: TENANT, name: 'Chloé Martin', email: 'chloe@acme.fr', teamId: 'idf' },
        { id: 'r3', tenantId: TENANT, name: 'No Team', email: null, teamId: null },
      ],
    });
    dir = await Directory.load(prisma, TENANT);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const email = (e: string) => ({ kind: 'email' as const, email: e });
  const name = (n: string) => ({ kind: 'name' as const, name: n });
  const cases: Array<[string, Words]> = [
    ['an email in another case', { rep: email('julien.moreau@ACME.fr'), team: null, channel: null }],
    ['a name in another case', { rep: name('chloé martin'), team: null, channel: 'web_form' }],
    ['a rep without a team', { rep: name('No Team'), team: null, channel: null }],
    ['a team without its accents', { rep: null, team: 'ile de france', channel: null }],
    ['a team by the start of its name', { rep: null, team: 'lyon', channel: null }],
    ['an unknown email', { rep: email('nobody@acme.fr'), team: null, channel: null }],
    ['an unknown team', { rep: null, team: 'Marseille', channel: null }],
    ['a rep and a team', { rep: email('chloe@acme.fr'), team: 'Lyon Est', channel: null }],
  ];

  it.each(cases)('%s: the same answer as the query', async (_, words) => {
    for (const lang of ['en', 'fr'] as const) {
      const queried = await resolveScope(t.db.prisma, TENANT, words, SYSTEM, lang);
      expect(resolveScopeIn(dir, words, lang)).toEqual(queried);
    }
  });

  it('names what it could not find, and the teams there are', () => {
    const problem = resolveScopeIn(dir, { rep: null, team: 'Marseille', channel: null }, 'en');
    expect(problem).toMatchObject({ code: 'unknown_team' });
    expect('message' in problem && problem.message).toMatch(
      /^I don't know the team “Marseille”\. Teams: .*Lyon Est/,
    );
    expect(resolveScopeIn(dir, { rep: email('x@acme.fr'), team: null, channel: null }, 'fr')).toEqual({
      code: 'unknown_rep',
      message: 'Je ne connais pas le commercial « x@acme.fr ».',
    });
  });
});
