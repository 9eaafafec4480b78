import type { ReportTable } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { reportLabel } from "./reportLabels"

export type ReportView = (typeof ReportTable)["Encoded"]
export type ReportRowView = ReportView["rows"][number]
type Column = ReportView["columns"][number]
type Cell = ReportRowView[string]

/** A cell written the user's way: money in the organisation's currency, km, %, days. */
export const formatCell = (
  format: Formatters,
  currency: string,
  kind: Column["kind"],
  v: Cell | undefined,
): string => {
  if (v === null || v === undefined) return ""
  switch (kind) {
    case "money":
      return format.money(String(v), currency)
    case "distance":
    case "decimal":
    case "hours":
      return format.decimal(Number(v), 1)
    case "number":
      return format.integer(Number(v))
    case "percent":
      return format.percent(Number(v))
    case "date":
      // The totals row carries the word "Total" in its first column, whatever its kind.
      return /^\d{4}-\d{2}-\d{2}$/u.test(String(v)) ? format.day(String(v)) : String(v)
    case "duration":
      return formatDuration(Number(v))
    default:
      return String(v)
  }
}

/** Seconds as hours and minutes ("26:05"), however many hours: a duration column. */
export const formatDuration = (s: number): string => {
  const minutes = Math.round(s / 60)
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`
}

/** The table's columns from the report's own column list (the server decides which there are). */
export const reportColumns = (
  t: I18n["t"],
  format: Formatters,
  report: ReportView,
): ReadonlyArray<ColumnDef<ReportRowView, unknown>> =>
  report.columns.map(
    (c): ColumnDef<ReportRowView, unknown> => ({
      id: c.key,
      header: reportLabel(t, c.key),
      cell: (cell) => {
        const v = cell.row.original[c.key]
        // A label cell is a key the user's language names (a contract type…); the totals' word stays.
        const text =
          c.kind === "label" && typeof v === "string" && cell.row.original.__totals === undefined
            ? reportLabel(t, v)
            : formatCell(format, report.currency, c.kind, v)
        // The totals row (marked `__totals` by the page) stands out.
        return cell.row.original.__totals === undefined ? (
          text
        ) : (
          <strong data-testid="report-totals-cell">{text}</strong>
        )
      },
      meta: {
        align:
          c.kind === "text" || c.kind === "date" || c.kind === "label" || c.kind === "datetime"
            ? "start"
            : "end",
        hideable: c.key !== "vehicle" && c.key !== "month" && c.key !== "driver",
        ...(c.kind === "text" ? {} : { width: c.kind === "datetime" ? "10rem" : "9rem" }),
      },
    }),
  )
