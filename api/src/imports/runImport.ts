import { IMPORT_COLUMNS, type ImportKind, type ImportReport, languageOf } from "@fleetcore/contract"
import type { PostgresClient, Request } from "@fleetcore/platform"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { inSavepoint } from "./inSavepoint.js"
import type { CsvRow } from "./readCsv.js"
import { refusalOf } from "./refusalOf.js"

export interface RowDone {
  readonly status: "created" | "updated"
  readonly id: string
}

type Report = typeof ImportReport.Encoded

/** Thrown to roll a dry run's transaction back, carrying the report out. */
class DryRun extends Error {
  constructor(readonly report: Report) {
    super("dry run")
  }
}

/**
 * Runs an import in ONE transaction of the caller's organisation, each row in a savepoint: a refused
 * row is undone alone and reported (row number, field, code, message in the caller's language), the
 * valid rows are stored. A dry run does the same work and then rolls the whole transaction back, so
 * it reports exactly what the import would do (unique plates, VINs, reading order…) and stores
 * nothing. A real import writes one audit entry with the counts.
 */
export const runImport = async (
  db: PostgresClient,
  p: Principal,
  request: Request,
  kind: ImportKind,
  rows: ReadonlyArray<CsvRow>,
  dryRun: boolean,
  doRow: (c: pg.PoolClient, record: Record<string, unknown>) => Promise<RowDone>,
): Promise<Report> => {
  const language = p.locale ?? languageOf(request.headers.get("accept-language"))
  const columns = IMPORT_COLUMNS[kind].map(([name]) => name)
  const work = async (c: pg.PoolClient): Promise<Report> => {
    const reported: Array<Report["rows"][number]> = []
    for (const r of rows) {
      const outcome =
        "refusal" in r
          ? { ok: false as const, error: r.refusal }
          : await inSavepoint(c, () => doRow(c, r.record))
      reported.push(
        outcome.ok
          ? {
              row: r.row,
              status: outcome.value.status,
              id: dryRun ? null : outcome.value.id,
              field: null,
              code: null,
              message: null,
            }
          : { row: r.row, status: "refused", id: null, ...refusalOf(outcome.error, language, columns) },
      )
    }
    const count = (s: string) => reported.filter((x) => x.status === s).length
    const report: Report = {
      kind,
      dryRun,
      created: count("created"),
      updated: count("updated"),
      refused: count("refused"),
      rows: reported,
    }
    if (dryRun) throw new DryRun(report)
    await audit(c, p, request, {
      action: `import.${kind}`,
      entity: "import",
      entityId: null,
      details: {
        created: report.created,
        updated: report.updated,
        refused: report.refused,
        rows: rows.length,
      },
    })
    return report
  }
  try {
    return await db.withOrg(p.orgId, work)
  } catch (error) {
    if (error instanceof DryRun) return error.report
    throw error
  }
}
