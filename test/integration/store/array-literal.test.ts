import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral } from '../../../src/store/array-literal.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';

const TRICKY_TEXT = [
  'plain',
  '',
  'NULL',
  'null',
  'a,b',
  '{braces}',
  ' spaced ',
  'say "hi"',
  'back\\slash',
  'ends with \\',
  '\\"',
  'new\nline\ttab\rreturn',
  'bell\u0007',
  'élève 東京 🚀',
  'lone \ud800 surrogate',
  null,
];

describe.each(databaseKinds)('arrayLiteral on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const roundTrip = async (values: readonly unknown[], type: string) => {
    const [row] = await t.db.prisma.$queryRawUnsafe<{ back: unknown[] }[]>(
      `SELECT $1::${type}[] AS back`,
      arrayLiteral(values),
    );
    return row?.back;
  };

  it('reads back every text as it was, NULL and "NULL" apart, whatever it escapes', async () => {
    const expected = TRICKY_TEXT.map((v) => (v === null ? null : v.replace('\ud800', '\ufffd')));
    expect(await roundTrip(TRICKY_TEXT, 'text')).toEqual(expected);
    expect(await roundTrip(['fast', 'path', null], 'text')).toEqual(['fast', 'path', null]);
    expect(await roundTrip([], 'text')).toEqual([]);
  });

  it('keeps numbers, non-finite ones included, and instants', async () => {
    expect(await roundTrip([1.5, -2, 0, 1e21, null], 'float8')).toEqual([1.5, -2, 0, 1e21, null]);
    expect(await roundTrip([Number.NaN, Number.POSITIVE_INFINITY, -1], 'float8')).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
    ]);
    const at = new Date('2026-03-29T01:30:00.123Z');
    const back = await roundTrip([at.toISOString(), at, null], 'timestamptz');
    expect(back?.map((d) => (d instanceof Date ? d.toISOString() : d))).toEqual([
      at.toISOString(),
      at.toISOString(),
      null,
    ]);
  });
});
