// The shell owns the clock: core never reads it, so every result is reproducible from its inputs.
import { dayOfDate, isoOfDay } from '../core/days';

/** Today in a time zone, as YYYY-MM-DD (no service call: core's calendar does the time-zone math). */
export function todayIn(timeZone: string): string {
  return isoOfDay(dayOfDate(new Date(), timeZone));
}
