import { describe, expect, it } from 'vitest';
import { decideAccess, type RepVisibility, type Viewer } from '../../../src/core/access/decide-access.ts';

const alice: Viewer = { repId: 'alice', role: 'rep', teamId: 'paris', managedTeamIds: [] };
const marc: Viewer = { repId: 'marc', role: 'manager', teamId: 'paris', managedTeamIds: ['paris'] };
const admin: Viewer = { repId: 'dir', role: 'admin', teamId: null, managedTeamIds: [] };
const viewer: Viewer = { repId: null, role: 'viewer', teamId: null, managedTeamIds: [] };
const bob = { id: 'bob', teamId: 'paris' };
const zoe = { id: 'zoe', teamId: 'lyon' };
const self = { id: 'alice', teamId: 'paris' };

type Case = [string, Viewer, RepVisibility, Parameters<typeof decideAccess>[2], boolean];
const cases: Case[] = [
  ['rep sees own figures (team)', alice, 'team', { rep: self }, true],
  ['rep sees own figures (self)', alice, 'self', { rep: self }, true],
  ['rep cannot see a teammate (team)', alice, 'team', { rep: bob }, false],
  ['rep cannot see a teammate (self)', alice, 'self', { rep: bob }, false],
  ['rep sees a teammate when open', alice, 'open', { rep: bob }, true],
  ['rep sees own team aggregate (team)', alice, 'team', { teamId: 'paris' }, true],
  ['rep sees another team aggregate (team)', alice, 'team', { teamId: 'lyon' }, true],
  ['rep sees own team aggregate (self)', alice, 'self', { teamId: 'paris' }, true],
  ['rep cannot see another team aggregate (self)', alice, 'self', { teamId: 'lyon' }, false],
  ['rep sees company totals (self)', alice, 'self', {}, true],
  ['manager sees own team reps', marc, 'team', { rep: bob }, true],
  ['manager sees own team reps (self)', marc, 'self', { rep: bob }, true],
  ['manager cannot see other team reps', marc, 'team', { rep: zoe }, false],
  ['manager sees other team reps when open', marc, 'open', { rep: zoe }, true],
  ['admin sees anyone (team)', admin, 'team', { rep: zoe }, true],
  ['admin sees anyone (self)', admin, 'self', { rep: bob }, true],
  ['admin sees any team (self)', admin, 'self', { teamId: 'lyon' }, true],
  ['viewer sees no rep (team)', viewer, 'team', { rep: bob }, false],
  ['viewer sees team aggregates (team)', viewer, 'team', { teamId: 'lyon' }, true],
  ['viewer sees no team aggregate (self)', viewer, 'self', { teamId: 'lyon' }, false],
  ['viewer sees company totals (self)', viewer, 'self', {}, true],
  ['viewer sees reps when open', viewer, 'open', { rep: bob }, true],
  [
    'a rep whose role is viewer cannot see own rep figures',
    { ...alice, role: 'viewer' },
    'team',
    { rep: self },
    false,
  ],
];

describe('decideAccess', () => {
  it.each(cases)('%s', (_name, v, visibility, subject, allowed) => {
    expect(decideAccess(v, visibility, subject).allowed).toBe(allowed);
  });

  it('says why it refuses', () => {
    expect(decideAccess(alice, 'team', { rep: bob })).toEqual({ allowed: false, reason: 'rep_hidden' });
    expect(decideAccess(alice, 'self', { teamId: 'lyon' })).toEqual({
      allowed: false,
      reason: 'team_hidden',
    });
  });
});
