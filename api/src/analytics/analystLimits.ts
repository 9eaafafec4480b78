/** What one analyst query may use (docs/analytics.md, Limits). */
export interface AnalystLimits {
  readonly maxRows: number
  readonly maxSeconds: number
  readonly maxMemoryBytes: number
  readonly maxRowsToRead: number
}

export const DEFAULT_ANALYST_LIMITS: AnalystLimits = {
  maxRows: 10_000,
  maxSeconds: 15,
  maxMemoryBytes: 1_000_000_000,
  maxRowsToRead: 2_000_000_000,
}

/** The SETTINGS clause every analyst query runs with; readonly last, so nothing after it may change one. */
export const settingsClause = (l: AnalystLimits): string =>
  [
    `max_execution_time = ${l.maxSeconds}`,
    "timeout_overflow_mode = 'throw'",
    `max_memory_usage = ${l.maxMemoryBytes}`,
    `max_rows_to_read = ${l.maxRowsToRead}`,
    `max_result_bytes = ${64 * 1024 * 1024}`,
    "allow_introspection_functions = 0",
    "allow_ddl = 0",
    "readonly = 1",
  ].join(", ")
