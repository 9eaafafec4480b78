import { wallTime } from "../../reports/reportTime.js"
import type { Cell, ColumnKind } from "../ExportDocument.js"
import type { ValueSet } from "../listTexts/ListExportTexts.js"

/** A list item in its wire form (JSON). */
export type Item = Readonly<Record<string, unknown>>

/** What a cell may need besides its item: the name of an enumerated value in the caller's language. */
export interface CellContext {
  readonly value: (set: ValueSet, code: string) => string
  /** The word for a watch window that never closes ("Always"). */
  readonly always: string
  /** The organisation's time zone: instants are written as its wall clock. */
  readonly timezone: string
}

/**
 * A column of a list's export: its key (its label in the list export texts), kind, how a cell is
 * read from an item, and, for an enumerated field, the set whose words name its values.
 */
export interface ListColumn {
  readonly key: string
  /** The item's field the cell is read from, when it is not `key` (a nested record, a period). */
  readonly from?: string
  readonly kind: ColumnKind
  readonly values?: ValueSet
  readonly cell: (item: Item, context: CellContext) => Cell
}

const scalar = (v: unknown): Cell =>
  typeof v === "string" || typeof v === "number" ? v : typeof v === "boolean" ? String(v) : null

/** The item's own field. */
export const field = (key: string, kind: ColumnKind = "text"): ListColumn => ({
  key,
  kind,
  cell: (i) => scalar(i[key]),
})

/** An enumerated field (a status, a type, a yes/no), written as the word the dashboard shows for it. */
export const coded = (key: string, values: ValueSet): ListColumn => ({
  key,
  kind: "text",
  values,
  cell: (i, context) => {
    const v = i[key]
    return typeof v === "string" || typeof v === "boolean" ? context.value(values, String(v)) : null
  },
})

/** A yes/no field, in words. */
export const yesNo = (key: string): ListColumn => coded(key, "yesNo")

/**
 * A field of a nested record (`vehicleType.name`), labelled by the nested record's key, or by
 * `label` when one record gives several columns (a grant's vehicle name and plate).
 */
export const nested = (key: string, inner: string, label = key): ListColumn => ({
  key: label,
  ...(label === key ? {} : { from: key }),
  kind: "text",
  cell: (i) => {
    const v = i[key]
    return v !== null && typeof v === "object" ? scalar((v as Item)[inner]) : null
  },
})

/** How many entries a list or record field holds (an invite's vehicles, a proposal's changed fields). */
export const count = (key: string): ListColumn => ({
  key,
  kind: "number",
  cell: (i) => {
    const v = i[key]
    return Array.isArray(v) ? v.length : v !== null && typeof v === "object" ? Object.keys(v).length : null
  },
})

/**
 * An instant as the organisation's wall clock, "YYYY-MM-DD HH:MM" (a `datetime` cell, as the reports
 * write theirs: a date cell in XLSX).
 */
export const instant = (key: string): ListColumn => ({
  key,
  kind: "datetime",
  cell: (i, context) => {
    const v = i[key]
    const ms = typeof v === "string" ? Date.parse(v) : Number.NaN
    return Number.isNaN(ms) ? null : wallTime(context.timezone, ms)
  },
})

/** A list of texts, comma-separated. */
export const joined = (key: string): ListColumn => ({
  key,
  kind: "text",
  cell: (i) => {
    const v = i[key]
    return Array.isArray(v) ? v.join(", ") : null
  },
})
