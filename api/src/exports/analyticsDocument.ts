import type { Language } from "@fleetcore/contract"
import type { AnalystAnswer } from "../analytics/runAnalystQuery.js"
import type { Cell, ColumnKind, ExportDocument } from "./ExportDocument.js"
import type { Letterhead } from "./letterhead.js"
import { LIST_EXPORT_TEXTS } from "./listExportColumns.js"

/** How a ClickHouse type is written: whole numbers, decimals, days, else text. */
const kindOf = (type: string): ColumnKind => {
  const bare = type.replace(/^(Nullable|LowCardinality)\((.*)\)$/u, "$2")
  if (/^U?Int\d+$/u.test(bare)) return "number"
  if (/^(Float\d+|Decimal)/u.test(bare)) return "decimal"
  if (/^Date(32)?$/u.test(bare)) return "date"
  return "text"
}

const cellOf = (v: unknown): Cell =>
  v === null || v === undefined
    ? null
    : typeof v === "string" || typeof v === "number"
      ? v
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v)

/**
 * An analyst's answer as an export document: the columns under ClickHouse's names, the rows as
 * ClickHouse wrote them, the statement under the title and, when the row limit cut the answer, a
 * note saying so.
 */
export const analyticsDocument = (
  answer: AnalystAnswer,
  sql: string,
  letterhead: Letterhead,
  language: Language,
): ExportDocument => {
  const texts = LIST_EXPORT_TEXTS[language]
  const statement = sql.replace(/\s+/gu, " ").trim()
  return {
    title: texts.titles.analytics ?? "SQL",
    orgName: letterhead.orgName,
    logo: letterhead.logo,
    language,
    currency: "",
    notes: [
      statement.length > 300 ? `${statement.slice(0, 299)}…` : statement,
      ...(answer.truncated ? [texts.truncated.replace("{n}", String(answer.rows.length))] : []),
    ],
    columns: answer.columns.map((c) => ({ label: c.name, kind: kindOf(c.type) })),
    rows: answer.rows.map((r) => r.map(cellOf)),
    totals: null,
    filename: `analytics-${new Date().toISOString().slice(0, 10)}`,
  }
}
