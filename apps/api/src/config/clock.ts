/**
 * The service's clock, injected so that tests can fix "today" and "now". Business dates are calendar dates in
 * Europe/Amsterdam (BRIEF.md), whatever the server's own time zone.
 */
export abstract class Clock {
  abstract now(): Date;

  today(): string {
    return AMSTERDAM_DATE.format(this.now());
  }
}

// en-CA formats as YYYY-MM-DD.
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
