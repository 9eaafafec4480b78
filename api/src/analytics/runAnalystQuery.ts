import { type Reason, reason } from "@fleetcore/contract"
import type { ClickHouseClient, HttpError } from "@fleetcore/platform"
import { refuse } from "../http/refuse.js"
import { type AnalystLimits, DEFAULT_ANALYST_LIMITS, settingsClause } from "./analystLimits.js"
import { checkAst } from "./astCheck.js"
import { functionCatalogue } from "./functionCatalogue.js"
import { orgViews } from "./orgViews.js"
import { offendingSource } from "./queryTreeCheck.js"

export interface AnalystAnswer {
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>
  readonly truncated: boolean
  readonly maxRows: number
  readonly elapsedMs: number
}

const rejected = (why: Reason) => refuse(400, "FLEET_ANALYTICS_QUERY_REJECTED", "sql", why)

/** ClickHouse's message without its code prefix, version suffix or the wrapper we put around the query. */
const clickHouseMessage = (error: unknown): { code: number | null; text: string } => {
  const message = error instanceof Error ? error.message : String(error)
  const coded = /Code: (\d+)\./u.exec(message)
  const ownCode = (error as { code?: unknown }).code
  const code = coded
    ? Number(coded[1])
    : typeof ownCode === "string" && /^\d+$/u.test(ownCode)
      ? Number(ownCode)
      : null
  const text = message
    .replace(/^(?:Code: \d+\. )?(?:DB::Exception: )+/u, "")
    .replace(/Code: \d+\. DB::Exception: /gu, "")
    .replace(/: In scope [\s\S]*$/u, "")
    .replace(/ \(version [^)]*\)\.?/gu, "")
    .trim()
    .slice(0, 1_000)
  return { code, text }
}

const TIMEOUT_CODES = new Set([159, 160, 394])

const failed = (error: unknown): HttpError => {
  const { code, text } = clickHouseMessage(error)
  return code !== null && TIMEOUT_CODES.has(code)
    ? refuse(400, "FLEET_ANALYTICS_TIMEOUT", "sql", reason("clickHouseSays", { message: text }))
    : refuse(400, "FLEET_ANALYTICS_QUERY_FAILED", "sql", reason("clickHouseSays", { message: text }))
}

const lines = (rows: ReadonlyArray<ReadonlyArray<unknown>>): string[] => rows.map((r) => String(r[0]))

/**
 * One analyst query for one organisation:
 * 1. ClickHouse parses it (`formatQuerySingleLine`, the query as a bound parameter): one
 *    statement, comments gone, written back in canonical form;
 * 2. its `EXPLAIN AST` is checked (checkAst): one SELECT, nothing but the organisation's tables;
 *    it is then wrapped as `SELECT * FROM (…) LIMIT maxRows + 1` (FORMAT, INTO OUTFILE cannot stand there);
 * 3. with the organisation's database current, `EXPLAIN QUERY TREE` names every table it resolved:
 *    each must be one of the organisation's views (offendingSource);
 * 4. it runs there, read-only, with the time, memory and row limits.
 */
export const runAnalystQuery = async (
  ch: ClickHouseClient,
  orgId: string,
  sql: string,
  limits: AnalystLimits = DEFAULT_ANALYST_LIMITS,
): Promise<AnalystAnswer> => {
  const started = performance.now()
  const db = await orgViews(ch, orgId)
  const [catalogue, databases] = await Promise.all([
    functionCatalogue(ch),
    ch.query<{ name: string }>("SELECT name FROM system.databases"),
  ])
  let single: string
  try {
    const [row] = await ch.query<{ q: string }>("SELECT formatQuerySingleLine({sql:String}) AS q", { sql })
    single = row?.q ?? ""
  } catch (error) {
    throw failed(error)
  }
  const wrapped = `SELECT * FROM (${single}) LIMIT ${limits.maxRows + 1}`
  let ast: AstVerdict
  try {
    // EXPLAIN AST only parses: safe for any statement, and names what the statement is.
    ast = checkAst(
      lines((await ch.queryIn(db, `EXPLAIN AST ${single}`)).data),
      db,
      new Set(databases.map((d) => d.name)),
      catalogue,
    )
  } catch (error) {
    throw failed(error)
  }
  if (!ast.ok) throw rejected(ast.reason)
  const run = `${wrapped} SETTINGS ${settingsClause(limits)}`
  let source: string | null
  try {
    source = offendingSource(lines((await ch.queryIn(db, `EXPLAIN QUERY TREE ${run}`)).data), db)
  } catch (error) {
    throw failed(error)
  }
  if (source !== null) throw rejected(reason("foreignTable", { name: source }))
  try {
    const result = await ch.queryIn(db, run)
    return {
      columns: result.meta.map((m) => ({ name: m.name, type: m.type })),
      rows: result.data.slice(0, limits.maxRows),
      truncated: result.data.length > limits.maxRows,
      maxRows: limits.maxRows,
      elapsedMs: Math.round(performance.now() - started),
    }
  } catch (error) {
    throw failed(error)
  }
}

type AstVerdict = ReturnType<typeof checkAst>
