import { Random } from '../random';
import { dayOfMs, daysFrom, isoOfMs, plusDays, startOfDayMs, weekday } from './days';

describe('planning days', () => {
  it('move and compare dates as the calendar does', () => {
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(plusDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysFrom('2024-01-01', '2025-01-01')).toBe(366);
    expect(weekday('2025-12-31')).toBe(3); // a Wednesday
    expect(dayOfMs(startOfDayMs('2021-04-27') + 86_399_999)).toBe('2021-04-27');
    expect(() => plusDays('2060-12-31', 1)).toThrow(RangeError);
  });

  it('write instants as Date#toISOString does', () => {
    const random = Random.stream(5, 5);
    for (let i = 0; i < 2000; i += 1) {
      const ms = Date.UTC(1995, 0, 1) + random.uint32() * 300 + random.int(0, 999);
      expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoOfMs(Date.UTC(2025, 11, 31, 23, 59, 59, 999))).toBe('2025-12-31T23:59:59.999Z');
  });
});
