import { describe, expect, it } from 'vitest';
import type { CommandName, Lang } from '../../../src/core/query/index.ts';
import { parse } from './parse-helpers.ts';

const COMMANDS: ReadonlyArray<readonly [string, CommandName, string, Lang]> = [
  ['', 'help', '', 'en'],
  ['   ', 'help', '', 'en'],
  ['?', 'help', '', 'en'],
  ['🙂', 'help', '', 'en'],
  ['help', 'help', '', 'en'],
  ['HELP alerts', 'help', 'alerts', 'en'],
  ['aide', 'help', '', 'fr'],
  ['kpi help', 'help', '', 'en'],
  ['list', 'list', '', 'en'],
  ['liste', 'list', '', 'fr'],
  ['targets this month', 'targets', 'this month', 'en'],
  ['objectifs', 'targets', '', 'fr'],
  ['whoami', 'whoami', '', 'en'],
  ['who am I?', 'whoami', '?', 'en'],
  ['qui suis-je ?', 'whoami', '?', 'fr'],
  ['alerts', 'alerts', '', 'en'],
  ['alerts snooze 12 2h', 'alerts', 'snooze 12 2h', 'en'],
  ['alertes liste', 'alerts', 'liste', 'fr'],
  ['digest preview', 'digest', 'preview', 'en'],
  ['sync hubspot', 'sync', 'hubspot', 'en'],
  ['synchro', 'sync', '', 'en'],
  ['map <@U123|alice> alice@acme.com', 'map', '<@U123|alice> alice@acme.com', 'en'],
  ['why 42', 'why', '42', 'en'],
  ['pourquoi a-17', 'why', 'a-17', 'fr'],
];

describe('subcommands', () => {
  it.each(COMMANDS)('%j → %s %j', (text, name, args, lang) => {
    expect(parse(text)).toEqual({ kind: 'command', name, args, lang });
  });

  it('uses the locale hint for words both languages share', () => {
    expect(parse('sync', { lang: 'fr' })).toEqual({ kind: 'command', name: 'sync', args: '', lang: 'fr' });
    expect(parse('', { lang: 'fr' })).toEqual({ kind: 'command', name: 'help', args: '', lang: 'fr' });
  });

  it('ignores the bot mention that opens an app mention', () => {
    expect(parse('<@UBOT> help', { ignoreMentions: ['UBOT'] })).toMatchObject({
      kind: 'command',
      name: 'help',
    });
    expect(parse('<@UBOT>', { ignoreMentions: ['UBOT'] })).toMatchObject({ kind: 'command', name: 'help' });
    expect(parse('<at>kpibot</at> aide', { ignoreMentions: ['kpibot'] })).toMatchObject({
      kind: 'command',
      name: 'help',
      lang: 'fr',
    });
  });

  it('reads a command word only at the start', () => {
    expect(parse('conversion help')).toMatchObject({ kind: 'query' });
    expect(parse('atteinte des objectifs')).toMatchObject({ kind: 'query' });
  });
});
