/** An instant column or expression written as the API writes instants (UTC, milliseconds, "Z"), in SQL. */
export const isoSql = (expr: string): string =>
  `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
