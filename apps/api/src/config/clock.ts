/**
 * The service's clock, injected so that tests can fix "today" and "now". Business dates are calendar dates in
 * Europe/Amsterdam (BRIEF.md), whatever the server's own time zone.
 */
export abstract class Clock {
  private lastDate?: { minute: number; date: string };

  abstract now(): Date;

  /**
   * Formatting with Intl took about 1% of a command's CPU in profiles, so the date is kept for the UTC minute it
   * was asked in: Amsterdam's offset has been whole hours since long before 1970, so every change of its date (at
   * midnight or across a DST switch) falls on a whole UTC minute. Older instants are formatted each time.
   */
  today(): string {
    const instant = this.now().getTime();
    const minute = Math.floor(instant / 60_000);
    if (this.lastDate?.minute === minute) return this.lastDate.date;
    const date = AMSTERDAM_DATE.format(instant);
    if (instant >= 0) this.lastDate = { minute, date };
    return date;
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
