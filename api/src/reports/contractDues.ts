/**
 * SQL (a FROM item) for the payments contracts fall due with: `amount` at the start of each term
 * (monthly, quarterly, annual; one-time: once), from the start day while the term begins before the
 * end day, never on or after the cancellation's day in time zone `tz`. Columns: `due.day`. Join it
 * laterally to a row `c` of `contracts`.
 */
export const contractDueDays = (tz: string): string => `
  LATERAL (
    SELECT d.day::date AS day FROM generate_series(
      c.starts_on::timestamp,
      c.ends_on::timestamp,
      CASE c.payment_frequency WHEN 'monthly' THEN interval '1 month' WHEN 'quarterly' THEN interval '3 months'
        WHEN 'annual' THEN interval '1 year' ELSE interval '1000 years' END) AS d(day)
    WHERE (d.day::date < c.ends_on OR d.day::date = c.starts_on)
      AND (c.cancelled_at IS NULL OR d.day::date < (c.cancelled_at AT TIME ZONE ${tz})::date)
  ) AS due`

/** SQL for a contract's last day of validity: its end, or the day before its cancellation in `tz`. */
export const contractLastDay = (tz: string): string =>
  `least(c.ends_on, coalesce((c.cancelled_at AT TIME ZONE ${tz})::date - 1, c.ends_on))`
