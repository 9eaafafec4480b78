import type { ClickHouseClient, DocumentStore, Log, PostgresClient } from "@fleetcore/platform"
import type { Tokens } from "../auth/Tokens.js"
import { makeReportScheduleRunner, type ReportScheduleRunner } from "./ReportScheduleRunner.js"

/**
 * Starts this process's scheduled-report runner: it opens the organisations' SMTP settings with
 * the notifications' key (one SMTP configuration for every e-mail the organisation sends).
 */
export const startReportSchedules = (deps: {
  readonly db: PostgresClient
  readonly ch: ClickHouseClient
  readonly tokens: Tokens
  readonly log: Log
  readonly publicUrl: string | null
  readonly documents: DocumentStore
}): ReportScheduleRunner => {
  const runner = makeReportScheduleRunner({
    db: deps.db,
    ch: deps.ch,
    tokens: deps.tokens,
    log: deps.log,
    publicUrl: deps.publicUrl,
    documents: deps.documents,
  })
  runner.start()
  return runner
}
