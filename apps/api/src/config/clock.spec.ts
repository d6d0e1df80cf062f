import { Clock } from './clock';

class FixedClock extends Clock {
  constructor(private readonly instant: string) {
    super();
  }
  now() {
    return new Date(this.instant);
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
});
