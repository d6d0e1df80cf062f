import { Clock } from './clock';

class FixedClock extends Clock {
  constructor(private readonly instant: string) {
    super();
  }
  now() {
    return new Date(this.instant);
  }
}

class MovableClock extends Clock {
  instant = '';
  now() {
    return new Date(this.instant);
  }
  todayAt(instant: string): string {
    this.instant = instant;
    return this.today();
  }
}

describe('Clock.today', () => {
  it('gives the calendar date in Europe/Amsterdam, not in UTC', () => {
    // 23:30 UTC on 31 Dec is already New Year's Day in Amsterdam (UTC+1 in winter).
    expect(new FixedClock('2021-12-31T23:30:00Z').today()).toBe('2022-01-01');
    // 22:30 UTC in summer is 00:30 the next day in Amsterdam (UTC+2).
    expect(new FixedClock('2021-06-30T22:30:00Z').today()).toBe('2021-07-01');
    expect(new FixedClock('2021-06-30T21:30:00Z').today()).toBe('2021-06-30');
  });

  it('turns the date at Amsterdam midnight on the same clock, in winter and in summer time', () => {
    const clock = new MovableClock();
    expect(clock.todayAt('2021-01-14T22:59:59.999Z')).toBe('2021-01-14');
    expect(clock.todayAt('2021-01-14T23:00:00.000Z')).toBe('2021-01-15');
    expect(clock.todayAt('2021-07-14T21:59:59.999Z')).toBe('2021-07-14');
    expect(clock.todayAt('2021-07-14T22:00:00.000Z')).toBe('2021-07-15');
  });

  it('follows the DST switches, back and forth within a minute', () => {
    const clock = new MovableClock();
    // Summer time began on 28 March 2021 at 01:00 UTC; the date turned at 23:00 UTC the evening before.
    expect(clock.todayAt('2021-03-27T22:59:30Z')).toBe('2021-03-27');
    expect(clock.todayAt('2021-03-27T23:00:10Z')).toBe('2021-03-28');
    expect(clock.todayAt('2021-03-27T22:59:59Z')).toBe('2021-03-27');
    // Winter time began on 31 October 2021 at 01:00 UTC; the date turned at 22:00 UTC the evening before.
    expect(clock.todayAt('2021-10-30T21:59:59Z')).toBe('2021-10-30');
    expect(clock.todayAt('2021-10-30T22:00:00Z')).toBe('2021-10-31');
    expect(clock.todayAt('2021-10-31T00:59:59Z')).toBe('2021-10-31');
    expect(clock.todayAt('2021-10-31T01:00:00Z')).toBe('2021-10-31');
  });

  it('gives the same date as before when asked again in the same minute', () => {
    const clock = new MovableClock();
    expect(clock.todayAt('2021-12-31T23:30:00Z')).toBe('2022-01-01');
    expect(clock.todayAt('2021-12-31T23:30:59.999Z')).toBe('2022-01-01');
    expect(clock.todayAt('2021-12-31T22:59:00Z')).toBe('2021-12-31');
  });
});
