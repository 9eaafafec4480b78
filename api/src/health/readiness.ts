import type { ClickHouseClient, PostgresClient } from "@fleetcore/platform"

export interface ReadinessCheck {
  readonly name: "postgres" | "clickhouse"
  readonly ok: boolean
  /** Why the check failed (never a secret: driver messages only). */
  readonly error?: string
}

const CHECK_TIMEOUT_MS = 2_000

const probe = async (name: ReadinessCheck["name"], work: () => Promise<unknown>): Promise<ReadinessCheck> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)
  })
  try {
    await Promise.race([work(), timeout])
    return { name, ok: true }
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Whether this process can do its work now: both stores answer. Ingest keeps accepting into the
 * bus log while a store is away (the points wait there), but a load balancer or an operator should
 * know, so `/readyz` answers 503 until the stores are back. `/healthz` only says the process lives.
 */
export const checkReadiness = async (deps: {
  readonly db: PostgresClient
  /** null in a process that uses no ClickHouse (ingest alone): not checked. */
  readonly ch: ClickHouseClient | null
}): Promise<{ readonly ready: boolean; readonly checks: ReadonlyArray<ReadinessCheck> }> => {
  const { ch } = deps
  const checks = await Promise.all([
    probe("postgres", () => deps.db.system.query("SELECT 1")),
    ...(ch === null ? [] : [probe("clickhouse", () => ch.query("SELECT 1"))]),
  ])
  return { ready: checks.every((c) => c.ok), checks }
}
