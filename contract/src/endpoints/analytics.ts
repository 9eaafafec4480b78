import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { EXPORT_MEDIA_TYPES, ExportFormat } from "./reports.js"

/** A column of an answer: its name and its ClickHouse type (`Float64`, `Date`, `UUID`…). */
export const AnalyticsColumn = Schema.Struct({ name: Schema.String, type: Schema.String }).annotate({
  identifier: "AnalyticsColumn",
})

export const AnalyticsResult = Schema.Struct({
  columns: Schema.Array(AnalyticsColumn),
  /** Rows as arrays of values in `columns` order (64-bit integers as strings, as ClickHouse writes them). */
  rows: Schema.Array(Schema.Array(Schema.Unknown)),
  /** More rows matched than `maxRows`: only the first `maxRows` are answered. */
  truncated: Schema.Boolean,
  maxRows: Schema.Int,
  elapsedMs: Schema.Number,
}).annotate({ identifier: "AnalyticsResult" })

export const AnalyticsTable = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  columns: Schema.Array(Schema.Struct({ name: Schema.String, type: Schema.String, comment: Schema.String })),
}).annotate({ identifier: "AnalyticsTable" })

export const AnalyticsExample = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  sql: Schema.String,
}).annotate({ identifier: "AnalyticsExample" })

const REJECTED = {
  status: 400,
  code: "FLEET_ANALYTICS_QUERY_REJECTED",
  description:
    "The query reads something other than the organisation's tables (another database, a system table, a table function, a disallowed function), changes settings, or is not one SELECT",
}
const FAILED = {
  status: 400,
  code: "FLEET_ANALYTICS_QUERY_FAILED",
  description:
    "ClickHouse refused or failed the query (syntax, unknown column, a memory or row limit); the message is ClickHouse's",
}
const TIMEOUT = {
  status: 400,
  code: "FLEET_ANALYTICS_TIMEOUT",
  description: "The query ran longer than the time limit",
}

/** Analysts' read-only SQL on their organisation's ClickHouse tables (docs/analytics.md). */
export const analytics = {
  query: endpoint({
    id: "analytics.query",
    method: "post",
    path: "/api/v1/analytics/query",
    tag: "analytics",
    summary: "Run one read-only SELECT on the organisation's analytics tables; audited",
    description:
      "The query sees only the organisation's views (positions, trips, daily_mileage…: GET /api/v1/analytics/tables); ClickHouse parses and checks it, then runs it read-only with time, memory and row limits.",
    access: "analytics.query",
    body: Schema.Struct({
      sql: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(20_000)),
      format: Schema.optionalKey(Schema.Literal("json")),
    }),
    invalidCode: "FLEET_ANALYTICS_BODY_INVALID",
    response: AnalyticsResult,
    errors: [REJECTED, FAILED, TIMEOUT],
  }),
  tables: endpoint({
    id: "analytics.tables",
    method: "get",
    path: "/api/v1/analytics/tables",
    tag: "analytics",
    summary: "The tables and columns an analyst may read, with example queries",
    access: "analytics.query",
    response: Schema.Struct({
      tables: Schema.Array(AnalyticsTable),
      examples: Schema.Array(AnalyticsExample),
    }),
  }),
  export: endpoint({
    id: "analytics.export",
    method: "post",
    path: "/api/v1/analytics/export",
    tag: "analytics",
    summary:
      "Run one read-only SELECT as `query` does and answer its rows as a CSV, XLSX or PDF file; audited",
    description:
      "The same checks and limits as `POST /api/v1/analytics/query`; needs `reports.export` too. A cut answer says so under the title.",
    access: "analytics.query",
    body: Schema.Struct({
      sql: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(20_000)),
      format: ExportFormat,
    }),
    invalidCode: "FLEET_ANALYTICS_BODY_INVALID",
    contentType: Object.values(EXPORT_MEDIA_TYPES),
    errors: [
      REJECTED,
      FAILED,
      TIMEOUT,
      { status: 403, code: "FLEET_FORBIDDEN", description: "The caller may not export (reports.export)" },
    ],
  }),
} as const
