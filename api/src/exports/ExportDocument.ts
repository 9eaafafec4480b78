import {
  type COLUMN_KINDS,
  type Language,
  type OtherZoneDays,
  type ReportTable,
  replayCommand,
} from "@fleetcore/contract"
import { columnLabel, EXPORT_TEXTS, type ExportTexts, valueLabel } from "./exportTexts.js"

export type ColumnKind = (typeof COLUMN_KINDS)[number]
export type Cell = string | number | null

/**
 * A table ready to be written to a file, in one language: what every renderer (CSV, XLSX, PDF)
 * takes. Any list can export by making one of these; reports make it with `reportDocument`.
 */
export interface ExportDocument {
  readonly title: string
  readonly orgName: string
  /** The organisation's logo (PNG or JPEG bytes) drawn above the name in a PDF; absent or null: none. */
  readonly logo?: Buffer | null
  readonly language: Language
  /** The currency of the money columns. */
  readonly currency: string
  /** Lines under the title: period, filters, currency. */
  readonly notes: ReadonlyArray<string>
  readonly columns: ReadonlyArray<{ readonly label: string; readonly kind: ColumnKind }>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  /** The totals row (its first cell carries the word "Total"), or null. */
  readonly totals: ReadonlyArray<Cell> | null
  /** The file's name without extension. */
  readonly filename: string
}

/** A day ("YYYY-MM-DD") written in the language's way, as a calendar day (no time zone shift). */
export const formatDay = (language: Language, day: string): string =>
  new Intl.DateTimeFormat(language, {
    timeZone: "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(`${day}T00:00:00Z`))

/** Seconds as hours and minutes ("26:05"), however many hours (a `duration` cell). */
export const formatDuration = (s: number): string => {
  const minutes = Math.round(s / 60)
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`
}

/** A headline figure for the notes: numbers in the language's way, durations as hours and minutes. */
const figure = (language: Language, kind: ColumnKind, v: Cell): string =>
  v === null
    ? ""
    : kind === "duration"
      ? formatDuration(Number(v))
      : typeof v === "number"
        ? new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(v)
        : v

/** Whether a report shows money anywhere (a column, a headline figure, a chart); else no currency is named. */
export const hasMoney = (table: typeof ReportTable.Type): boolean =>
  table.columns.some((c) => c.kind === "money") ||
  (table.summary ?? []).some((f) => f.kind === "money") ||
  // A chart's values are money when it names no kind.
  table.charts.some((c) => c.valueKind === undefined || c.valueKind === "money")

/** What of a report's days are on another zone's days, and the command that rewrites them. */
const otherZoneNote = (
  texts: ExportTexts,
  language: Language,
  days: typeof OtherZoneDays.Type,
  zone: string,
): string => {
  const count = new Intl.NumberFormat(language)
  return `${texts.otherZoneDays
    .replace("{days}", count.format(days.vehicleDays))
    .replace("{vehicles}", count.format(days.vehicles))
    .replace("{from}", formatDay(language, days.from))
    .replace("{to}", formatDay(language, days.to))
    .replace("{zones}", days.zones.join(", "))
    .replace("{zone}", zone)}: ${replayCommand(days)}`
}

/** A report's answer as an export document in `language`. */
export const reportDocument = (
  table: typeof ReportTable.Type,
  orgName: string,
  language: Language,
): ExportDocument => {
  const texts = EXPORT_TEXTS[language]
  const keys = table.columns.map((c) => c.key)
  const totals = keys.map((k) => table.totals[k] ?? null)
  const first = table.columns.findIndex(
    (c) => c.kind === "text" || c.kind === "date" || c.kind === "datetime",
  )
  if (first >= 0) totals[first] = texts.total
  const notes = [
    `${texts.period}: ${formatDay(language, table.period.from)} – ${formatDay(language, table.period.to)} (${texts.presets[table.period.preset]})`,
    ...table.filters.map((f) => `${texts.filters[f.key] ?? f.key}: ${f.name}`),
    ...(hasMoney(table) ? [`${texts.currency}: ${table.currency}`] : []),
    ...(table.unconverted > 0 ? [`${texts.unconverted}: ${table.unconverted}`] : []),
    ...(table.columns.some((c) => c.kind === "datetime") ? [`${texts.timezone}: ${table.timezone}`] : []),
    ...(table.summary ?? []).map(
      (f) => `${columnLabel(language, f.key)}: ${figure(language, f.kind, f.value)}`,
    ),
    ...(table.rowsTotal !== undefined && table.rowsTotal > table.rows.length
      ? [
          texts.capped
            .replace("{shown}", String(table.rows.length))
            .replace("{total}", String(table.rowsTotal)),
        ]
      : []),
    ...(table.otherZoneDays === undefined
      ? []
      : [otherZoneNote(texts, language, table.otherZoneDays, table.timezone)]),
  ]
  return {
    title: texts.titles[table.report],
    orgName,
    language,
    currency: table.currency,
    notes,
    // A `label` cell is written as its name in the language: text from here on.
    columns: table.columns.map((c) => ({
      label: columnLabel(language, c.key),
      kind: c.kind === "label" ? "text" : c.kind,
    })),
    rows: table.rows.map((r) =>
      table.columns.map((c) => {
        const v = r[c.key] ?? null
        return c.kind === "label" && typeof v === "string" ? valueLabel(language, v) : v
      }),
    ),
    totals,
    filename: `${table.report}-${table.period.from}_${table.period.to}`,
  }
}
