import {
  can,
  EXPORT_FORMATS,
  EXPORT_MEDIA_TYPES,
  type Language,
  REPORT_IDS,
  type ReportQuery,
  ROLES,
  type Role,
} from "@fleetcore/contract"
import type { ClickHouseClient, DocumentStore, PostgresClient } from "@fleetcore/platform"
import { HttpError } from "@fleetcore/platform"
import type { OrgId, UserId } from "@fleetcore/proto"
import type { Principal } from "../auth/Principal.js"
import { type ExportDocument, reportDocument } from "../exports/ExportDocument.js"
import { loadLetterhead } from "../exports/letterhead.js"
import { renderExport } from "../exports/renderExport.js"
import { reportContext } from "../reports/reportContext.js"
import { REPORTS } from "../reports/reportRegistry.js"
import type { ScheduleFiltersColumn } from "./scheduleTables.js"

/** What a run renders: the report, its filters and period preset, the formats and the language. */
export interface ScheduledReport {
  readonly orgId: string
  readonly report: string
  readonly filters: ScheduleFiltersColumn
  readonly period: string
  readonly formats: ReadonlyArray<string>
  readonly language: Language
  readonly createdBy: string | null
}

export interface ReportFile {
  readonly filename: string
  readonly contentType: string
  readonly content: Buffer
}

/** A run that cannot succeed by trying again: the report, its filters or its creator's rights. */
export class PermanentRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`)
    this.name = "PermanentRunError"
  }
}

const isRole = (role: string): role is Role => (ROLES as ReadonlyArray<string>).includes(role)
const isReport = (id: string): id is (typeof REPORT_IDS)[number] =>
  (REPORT_IDS as ReadonlyArray<string>).includes(id)

/**
 * The principal a schedule's report runs as: its creator as they are now. A creator deleted,
 * disabled, of another organisation (an owner excepted), or whose role may no longer read reports
 * makes the run fail; the schedule never sees more than its creator may.
 */
const creatorPrincipal = async (db: PostgresClient, s: ScheduledReport): Promise<Principal> => {
  const { rows } = await db.system.query<{ id: string; org_id: string; role: string; disabled: boolean }>(
    "SELECT id, org_id, role, disabled FROM users WHERE id = $1",
    [s.createdBy],
  )
  const user = rows[0]
  const refuse = (why: string) => new PermanentRunError("FLEET_SCHEDULE_CREATOR_CANNOT_SEE", why)
  if (s.createdBy === null || user === undefined) throw refuse("the schedule's creator no longer exists")
  if (user.disabled) throw refuse("the schedule's creator is disabled")
  if (!isRole(user.role) || !can(user.role, "reports.read"))
    throw refuse(`the schedule's creator (role ${user.role}) may no longer read reports`)
  if (user.org_id !== s.orgId && user.role !== "owner")
    throw refuse("the schedule's creator is no longer in the organisation")
  return {
    userId: user.id as UserId,
    orgId: s.orgId as OrgId,
    role: user.role,
    homeOrgId: user.org_id as OrgId,
    locale: s.language,
    sessionId: null,
  }
}

/**
 * Renders a schedule's report for the period counted from `at` (the run's due instant, so a retry
 * reports the same period) in each of its formats, through the export renderers.
 */
export const scheduledReportFiles = async (
  deps: {
    readonly db: PostgresClient
    readonly ch: ClickHouseClient
    readonly documents?: DocumentStore
  },
  s: ScheduledReport,
  at: Date,
): Promise<{ readonly doc: ExportDocument; readonly files: ReadonlyArray<ReportFile> }> => {
  if (!isReport(s.report)) throw new PermanentRunError("FLEET_REPORT_NOT_FOUND", `no report ${s.report}`)
  const report = s.report
  const principal = await creatorPrincipal(deps.db, s)
  const query = { ...s.filters, period: s.period } as typeof ReportQuery.Type
  const { table, orgName, logo } = await deps.db
    .withOrg(s.orgId, async (c) => {
      const table = await REPORTS[report](await reportContext(c, deps.ch, principal, query, at))
      if (deps.documents !== undefined)
        return { table, ...(await loadLetterhead(c, deps.documents, s.orgId)) }
      const org = await c.query<{ name: string }>("SELECT name FROM organisations WHERE id = $1", [s.orgId])
      return { table, orgName: org.rows[0]?.name ?? "", logo: null }
    })
    .catch((error: unknown) => {
      // A filter naming what the creator may not (or no longer) see, or a bad period: not worth retrying.
      if (error instanceof HttpError && error.status < 500)
        throw new PermanentRunError(error.code, error.message)
      throw error
    })
  const doc = { ...reportDocument(table, orgName, s.language), logo }
  const files: Array<ReportFile> = []
  for (const format of EXPORT_FORMATS) {
    if (!s.formats.includes(format)) continue
    files.push({
      filename: `${doc.filename}.${format}`,
      contentType: EXPORT_MEDIA_TYPES[format],
      content: await renderExport(doc, format),
    })
  }
  return { doc, files }
}
