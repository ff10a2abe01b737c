// The shell owns the clock: core never reads it, so every result is reproducible from its inputs.

/** Today in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd');
}
