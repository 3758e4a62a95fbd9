import { expect, test } from 'vitest';

import { startOfToday } from '../../src/server/time/startOfToday.js';

const at = (iso: string) => Date.parse(iso);

const cases: Array<[string, string, string, string]> = [
  ['UTC, midday', 'UTC', '2026-03-10T12:00:00Z', '2026-03-10T00:00:00Z'],
  ['UTC, the first millisecond', 'UTC', '2026-03-10T00:00:00.000Z', '2026-03-10T00:00:00Z'],
  ['UTC, the last millisecond', 'UTC', '2026-03-10T23:59:59.999Z', '2026-03-10T00:00:00Z'],
  ['Tokyo, already tomorrow there', 'Asia/Tokyo', '2026-03-10T02:00:00Z', '2026-03-09T15:00:00Z'],
  ['Tokyo, just before its midnight', 'Asia/Tokyo', '2026-03-09T14:59:59Z', '2026-03-08T15:00:00Z'],
  ['Kathmandu, +05:45', 'Asia/Kathmandu', '2026-03-10T02:00:00Z', '2026-03-09T18:15:00Z'],
  ['Kolkata, +05:30', 'Asia/Kolkata', '2026-03-10T02:00:00Z', '2026-03-09T18:30:00Z'],
  ['Chatham, +13:45 in summer', 'Pacific/Chatham', '2026-01-15T00:00:00Z', '2026-01-14T10:15:00Z'],
  [
    'New York, springing forward',
    'America/New_York',
    '2026-03-08T20:00:00Z',
    '2026-03-08T05:00:00Z',
  ],
  ['New York, the day after', 'America/New_York', '2026-03-09T20:00:00Z', '2026-03-09T04:00:00Z'],
  ['New York, falling back', 'America/New_York', '2026-11-01T20:00:00Z', '2026-11-01T04:00:00Z'],
  ['New York, the 25th hour', 'America/New_York', '2026-11-02T04:59:59Z', '2026-11-01T04:00:00Z'],
  ['New York, the day after', 'America/New_York', '2026-11-02T05:00:00Z', '2026-11-02T05:00:00Z'],
  ['Honolulu, behind UTC', 'Pacific/Honolulu', '2026-03-10T02:00:00Z', '2026-03-09T10:00:00Z'],
  ['Kiritimati, +14:00', 'Pacific/Kiritimati', '2026-03-10T02:00:00Z', '2026-03-09T10:00:00Z'],
  [
    'Lord Howe, a 30-minute change',
    'Australia/Lord_Howe',
    '2026-04-05T12:00:00Z',
    '2026-04-04T13:00:00Z',
  ],
  [
    'Santiago, midnight skipped',
    'America/Santiago',
    '2026-09-06T12:00:00Z',
    '2026-09-06T04:00:00Z',
  ],
  ['Havana, midnight skipped', 'America/Havana', '2026-03-08T12:00:00Z', '2026-03-08T05:00:00Z'],
];

test.each(cases)('%s', (_case, zone, now, expected) => {
  expect(new Date(startOfToday(at(now), zone)).toISOString()).toBe(
    new Date(expected).toISOString(),
  );
});

test('the start is always at or before now and at most 25 hours earlier', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'Europe/London',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
  ];
  for (const zone of zones) {
    for (let hour = 0; hour < 24 * 400; hour += 7) {
      const now = at('2026-01-01T00:00:00Z') + hour * 3_600_000;
      const start = startOfToday(now, zone);
      expect(start, `${zone} ${new Date(now).toISOString()}`).toBeLessThanOrEqual(now);
      expect(now - start).toBeLessThan(25 * 3_600_000);
    }
  }
});
