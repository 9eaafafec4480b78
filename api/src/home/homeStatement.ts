import type { ATTENTION_REASONS, HomeSummary } from "@fleetcore/contract"
import { liveCountsSql, onboardingSql, openTasksSql, openTicketsSql } from "../dashboards/dashboardSql.js"
import type { OrgBooks } from "../expenses/orgBooks.js"
import {
  activitySql,
  activityView,
  attentionCte,
  attentionSql,
  attentionView,
  type ContractsJson,
  contractsSql,
  documentsSql,
  documentsView,
  expensesSql,
  expensesView,
  fleetSql,
  fleetView,
  fuelAnomaliesSql,
} from "./orgWidgets.js"

type AttentionReason = (typeof ATTENTION_REASONS)[number]

/** Which widgets the caller may read; `attention` lists the reasons they may read, null for none. */
export interface HomeAccess {
  readonly fleet: boolean
  readonly attention: ReadonlyArray<AttentionReason> | null
  readonly fuelAnomalies: boolean
  readonly documents: boolean
  readonly contracts: boolean
  readonly expenses: boolean
  readonly activity: boolean
  /** The parts of the operations widget the caller may read; null: none. */
  readonly operations: {
    readonly live: boolean
    readonly tickets: boolean
    readonly tasks: boolean
    readonly onboarding: boolean
  } | null
}

/**
 * The statement of the caller's Postgres widgets: one row, one JSON column per widget the caller may
 * read ($1 the organisation's time zone, then its currency and the mileage leaders' ids when those
 * widgets are read). Its text depends only on the access, so a prepared statement serves every
 * caller of a role. Null when no widget is readable.
 */
export const homeStatement = (
  access: HomeAccess,
  books: OrgBooks,
  /** The mileage leaders (ClickHouse's ids) whose names to read (row-level security applies); null: no mileage widget. */
  leaderIds: ReadonlyArray<string> | null,
): { readonly text: string; readonly values: ReadonlyArray<unknown> } | null => {
  const values: unknown[] = [books.timezone]
  const param = (value: unknown) => {
    values.push(value)
    return `$${values.length}`
  }
  const columns: string[] = []
  const ctes = ["home_day AS (SELECT (now() AT TIME ZONE $1)::date AS today)"]
  if (access.fleet) columns.push(`${fleetSql} AS fleet`)
  if (access.attention !== null && access.attention.length > 0) {
    ctes.push(attentionCte(access.attention))
    columns.push(`${attentionSql} AS attention`)
  }
  if (access.fuelAnomalies) columns.push(`${fuelAnomaliesSql} AS fuel_anomalies`)
  if (access.documents) columns.push(`${documentsSql} AS documents`)
  if (access.contracts) columns.push(`${contractsSql} AS contracts`)
  if (access.expenses) columns.push(`${expensesSql(param(books.currency))} AS expenses`)
  if (access.activity) columns.push(`${activitySql} AS activity`)
  const ops = access.operations
  if (ops !== null)
    columns.push(`json_build_object(
      'live', ${ops.live ? liveCountsSql("true") : "null"},
      'tickets', ${ops.tickets ? openTicketsSql("true") : "null"},
      'tasks', ${ops.tasks ? openTasksSql("true") : "null"},
      'onboarding', ${ops.onboarding ? onboardingSql : "null"}) AS operations`)
  if (leaderIds !== null)
    columns.push(`(SELECT coalesce(json_agg(json_build_object('id', v.id, 'name', v.name, 'plate', v.plate)), '[]')
       FROM vehicles v WHERE v.id = ANY(${param(leaderIds)}::uuid[])) AS leaders`)
  if (columns.length === 0) return null
  return { text: `WITH ${ctes.join(",\n")}\nSELECT ${columns.join(",\n")}`, values }
}

type Widgets = Omit<typeof HomeSummary.Type, "generatedAt" | "mileage" | "driver">

/** The widgets from the statement's row; a widget the caller may not read is null. */
export const homeWidgets = (row: Record<string, unknown>, access: HomeAccess, currency: string): Widgets => ({
  fleet: access.fleet ? fleetView(row.fleet as Parameters<typeof fleetView>[0]) : null,
  attention:
    access.attention === null
      ? null
      : attentionView((row.attention ?? null) as Parameters<typeof attentionView>[0]),
  fuelAnomalies: access.fuelAnomalies ? { unchecked: row.fuel_anomalies as number } : null,
  documents: access.documents ? documentsView(row.documents as Parameters<typeof documentsView>[0]) : null,
  contracts: access.contracts ? (row.contracts as ContractsJson) : null,
  expenses: access.expenses
    ? expensesView(row.expenses as Parameters<typeof expensesView>[0], currency)
    : null,
  activity: access.activity ? activityView(row.activity as Parameters<typeof activityView>[0]) : null,
  operations: access.operations === null ? null : (row.operations as Widgets["operations"]),
})
