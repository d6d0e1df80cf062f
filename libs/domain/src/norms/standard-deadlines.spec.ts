import { standardDeadline } from './standard-deadlines';

describe('standardDeadline', () => {
  it('gives the course 6 weeks (42 days) from the pronouncement', () => {
    expect(standardDeadline('PLAN', '2021-03-01')).toBe('2021-04-12');
  });

  it('gives help 3 calendar months, clamped at the end of a shorter month', () => {
    expect(standardDeadline('HELP', '2021-03-01')).toBe('2021-06-01');
    expect(standardDeadline('HELP', '2020-11-30')).toBe('2021-02-28');
  });
});
