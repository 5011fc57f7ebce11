import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ceilLocalDay,
  floorLocalDay,
  localMidnight,
} from '../../../src/store/rollups/local-days.ts';

// Zones with DST at midnight (Havana, Santiago), half-hour DST (Lord Howe), odd offsets, the date line.
const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'America/Havana',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'UTC',
];

describe('local days', () => {
  it("gives an instant's calendar date in the zone, as Luxon does", () => {
    for (const tz of ZONES) {
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 * 7 + 60_000 * 13) {
        const at = new Date(t);
        expect(floorLocalDay(at, tz), `${tz} ${at.toISOString()}`).toBe(
          DateTime.fromJSDate(at, { zone: tz }).toISODate(),
        );
      }
    }
  });

  it('rounds an instant up to the next local midnight, across DST changes', () => {
    expect(ceilLocalDay(localMidnight('2026-03-29', 'Europe/Paris'), 'Europe/Paris')).toBe('2026-03-29');
    expect(ceilLocalDay(new Date('2026-03-29T00:30:00Z'), 'Europe/Paris')).toBe('2026-03-30');
    // Havana skips midnight on 8 March 2026: the day starts at 01:00.
    expect(localMidnight('2026-03-08', 'America/Havana').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(ceilLocalDay(new Date('2026-03-08T05:00:00Z'), 'America/Havana')).toBe('2026-03-08');
  });

  it('adds days and months on dates alone, clamping to the end of shorter months like Luxon', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -13)).toBe('2025-02-28');
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const utc = DateTime.fromISO(day, { zone: 'utc' });
      for (const n of [-12, -3, -1, 1, 2])
        expect(addMonths(day, n)).toBe(utc.plus({ months: n }).toISODate());
      for (const n of [-7, 1, 45]) expect(addDays(day, n)).toBe(utc.plus({ days: n }).toISODate());
    }
  });
});
