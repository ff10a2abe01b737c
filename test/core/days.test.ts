import {
  dateOfDay,
  dayFromIso,
  dayFromSerial,
  dayFromYMD,
  dayOfDate,
  isoOfDay,
  periodEnd,
  periodKey,
  periodStart,
} from '../../src/core/days';

const iso = (s: string): number => {
  const d = dayFromIso(s);
  if (d === null) throw new Error(`bad test date ${s}`);
  return d;
};

describe('civil days', () => {
  test('epoch and known days', () => {
    expect(dayFromYMD(1970, 1, 1)).toBe(0);
    expect(dayFromYMD(1969, 12, 31)).toBe(-1);
    expect(dayFromYMD(2000, 3, 1)).toBe(11017);
    expect(dayFromYMD(2026, 5, 30)).toBe(Date.UTC(2026, 4, 30) / 86400000);
    expect(dayFromYMD(1900, 1, 1)).toBe(Date.UTC(1900, 0, 1) / 86400000);
    expect(dayFromYMD(2200, 12, 31)).toBe(Date.UTC(2200, 11, 31) / 86400000);
  });

  test('impossible dates are null', () => {
    expect(dayFromYMD(2023, 2, 29)).toBeNull();
    expect(dayFromYMD(2023, 2, 30)).toBeNull();
    expect(dayFromYMD(2024, 2, 29)).not.toBeNull();
    expect(dayFromYMD(1900, 2, 29)).toBeNull();
    expect(dayFromYMD(2000, 2, 29)).not.toBeNull();
    expect(dayFromYMD(2026, 13, 1)).toBeNull();
    expect(dayFromYMD(2026, 0, 1)).toBeNull();
    expect(dayFromYMD(2026, 4, 31)).toBeNull();
    expect(dayFromYMD(2026, 4, 0)).toBeNull();
    expect(dayFromYMD(1899, 12, 31)).toBeNull();
    expect(dayFromYMD(2201, 1, 1)).toBeNull();
    expect(dayFromYMD(2026.5, 1, 1)).toBeNull();
    expect(dayFromYMD(Number.NaN, 1, 1)).toBeNull();
  });

  test('isoOfDay inverts dayFromIso over the whole range', () => {
    for (let day = dayFromYMD(1900, 1, 1)!; day <= dayFromYMD(2200, 12, 31)!; day += 17) {
      expect(dayFromIso(isoOfDay(day))).toBe(day);
      expect(isoOfDay(day)).toBe(new Date(day * 86400000).toISOString().slice(0, 10));
    }
    expect(isoOfDay(iso('2024-02-29'))).toBe('2024-02-29');
    expect(isoOfDay(0)).toBe('1970-01-01');
  });

  test('dayFromIso is strict', () => {
    expect(dayFromIso('2026-05-30')).toBe(dayFromYMD(2026, 5, 30));
    expect(dayFromIso('2026-5-30')).toBeNull();
    expect(dayFromIso('2026-05-30 ')).toBeNull();
    expect(dayFromIso('2026/05/30')).toBeNull();
    expect(dayFromIso('2026-05-3a')).toBeNull();
    expect(dayFromIso('2023-02-30')).toBeNull();
    expect(dayFromIso('')).toBeNull();
  });
});

describe('time zones', () => {
  test('UTC short-circuits', () => {
    expect(dayOfDate(new Date('2026-05-30T23:59:59.999Z'), 'UTC')).toBe(iso('2026-05-30'));
    expect(dayOfDate(new Date('2026-05-31T00:00:00Z'), 'Etc/UTC')).toBe(iso('2026-05-31'));
    expect(dayOfDate(new Date('1969-12-31T12:00:00Z'), 'UTC')).toBe(-1);
    expect(dateOfDay(iso('2026-05-30'), 'UTC').toISOString()).toBe('2026-05-30T00:00:00.000Z');
  });

  test('Asia/Shanghai (UTC+8): Sheets midnight is 16:00 UTC the day before', () => {
    expect(dayOfDate(new Date('2026-05-29T16:00:00Z'), 'Asia/Shanghai')).toBe(iso('2026-05-30'));
    expect(dayOfDate(new Date('2026-05-29T15:59:59Z'), 'Asia/Shanghai')).toBe(iso('2026-05-29'));
    expect(dateOfDay(iso('2026-05-30'), 'Asia/Shanghai').toISOString()).toBe('2026-05-29T16:00:00.000Z');
  });

  test('America/Los_Angeles across DST', () => {
    const la = 'America/Los_Angeles';
    // Spring forward 2026-03-08 02:00 PST → 03:00 PDT (10:00 UTC).
    expect(dateOfDay(iso('2026-03-08'), la).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(dateOfDay(iso('2026-03-09'), la).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(dayOfDate(new Date('2026-03-08T09:59:59Z'), la)).toBe(iso('2026-03-08'));
    expect(dayOfDate(new Date('2026-03-08T10:00:00Z'), la)).toBe(iso('2026-03-08'));
    expect(dayOfDate(new Date('2026-03-09T06:59:59Z'), la)).toBe(iso('2026-03-08'));
    expect(dayOfDate(new Date('2026-03-09T07:00:00Z'), la)).toBe(iso('2026-03-09'));
    // Fall back 2026-11-01 02:00 PDT → 01:00 PST (09:00 UTC).
    expect(dateOfDay(iso('2026-11-01'), la).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(dateOfDay(iso('2026-11-02'), la).toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(dayOfDate(new Date('2026-11-02T07:59:59Z'), la)).toBe(iso('2026-11-01'));
    expect(dayOfDate(new Date('2026-11-02T08:00:00Z'), la)).toBe(iso('2026-11-02'));
    // Winter and summer midnights.
    expect(dayOfDate(new Date('2026-01-15T08:00:00Z'), la)).toBe(iso('2026-01-15'));
    expect(dayOfDate(new Date('2026-07-15T07:00:00Z'), la)).toBe(iso('2026-07-15'));
  });

  test('a skipped midnight gives the first instant of the day (São Paulo 2018-11-04)', () => {
    const d = dateOfDay(iso('2018-11-04'), 'America/Sao_Paulo');
    expect(d.toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(dayOfDate(d, 'America/Sao_Paulo')).toBe(iso('2018-11-04'));
  });

  test('dateOfDay round-trips through dayOfDate in many zones', () => {
    const zones = [
      'UTC',
      'Asia/Shanghai',
      'America/Los_Angeles',
      'Europe/London',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    ];
    for (const tz of zones) {
      for (let day = iso('1950-01-01'); day <= iso('2060-12-31'); day += 37) {
        const date = dateOfDay(day, tz);
        expect(dayOfDate(date, tz)).toBe(day);
        expect(dayOfDate(new Date(date.getTime() - 1), tz)).toBe(day - 1);
      }
    }
  });

  test('an unknown zone reads as UTC instead of throwing', () => {
    expect(dayOfDate(new Date('2026-05-30T12:00:00Z'), 'Not/AZone')).toBe(iso('2026-05-30'));
    expect(dateOfDay(iso('2026-05-30'), 'Not/AZone').toISOString()).toBe('2026-05-30T00:00:00.000Z');
  });
});

describe('periods', () => {
  test('keys', () => {
    expect(periodKey(iso('2026-05-30'), 'month')).toBe('2026-05');
    expect(periodKey(iso('2026-05-30'), 'quarter')).toBe('2026-Q2');
    expect(periodKey(iso('2026-01-01'), 'quarter')).toBe('2026-Q1');
    expect(periodKey(iso('2026-12-31'), 'quarter')).toBe('2026-Q4');
    expect(periodKey(iso('2026-09-30'), 'quarter')).toBe('2026-Q3');
    expect(periodKey(iso('2026-09-30'), 'month')).toBe('2026-09');
  });

  test('start and end', () => {
    expect(periodStart(iso('2026-05-30'), 'month')).toBe(iso('2026-05-01'));
    expect(periodEnd(iso('2026-05-01'), 'month')).toBe(iso('2026-05-31'));
    expect(periodEnd(iso('2024-02-10'), 'month')).toBe(iso('2024-02-29'));
    expect(periodStart(iso('2026-05-30'), 'quarter')).toBe(iso('2026-04-01'));
    expect(periodEnd(iso('2026-05-30'), 'quarter')).toBe(iso('2026-06-30'));
    expect(periodEnd(iso('2026-11-30'), 'quarter')).toBe(iso('2026-12-31'));
    expect(periodStart(iso('2026-03-31'), 'quarter')).toBe(iso('2026-01-01'));
  });
});

describe('Excel serials', () => {
  test('1900 system with the fake 1900-02-29', () => {
    expect(dayFromSerial(25569)).toBe(0);
    expect(dayFromSerial(25569.99)).toBe(0);
    expect(dayFromSerial(1)).toBe(iso('1900-01-01'));
    expect(dayFromSerial(59)).toBe(iso('1900-02-28'));
    expect(dayFromSerial(60)).toBeNull();
    expect(dayFromSerial(61)).toBe(iso('1900-03-01'));
    expect(dayFromSerial(45000)).toBe(iso('2023-03-15'));
    expect(dayFromSerial(46172)).toBe(iso('2026-05-30'));
  });

  test('out of range is null', () => {
    expect(dayFromSerial(0)).toBeNull();
    expect(dayFromSerial(0.5)).toBeNull();
    expect(dayFromSerial(-1)).toBeNull();
    expect(dayFromSerial(Number.NaN)).toBeNull();
    expect(dayFromSerial(Number.POSITIVE_INFINITY)).toBeNull();
    expect(dayFromSerial(2958466)).toBeNull();
    expect(dayFromSerial(2958465)).toBeNull(); // 9999-12-31: beyond 2200
  });
});
