import type pg from "pg"

/** What is wrong with an entry of the chain. */
export type ChainProblem = "seq-gap" | "prev-hash-mismatch" | "hash-mismatch"

/** The first entry of an organisation's chain that does not follow from the one before it. */
export interface BrokenLink {
  readonly orgId: string
  readonly seq: string
  readonly id: string
  readonly problem: ChainProblem
  readonly message: string
}

export interface ChainReport {
  readonly intact: boolean
  /** Entries checked (every organisation's when intact; up to the broken link otherwise). */
  readonly entries: number
  readonly organisations: number
  readonly broken: BrokenLink | null
}

/** Entries read per query: verification never holds more than this many rows. */
export const VERIFY_PAGE = 1_000

const GENESIS = Buffer.alloc(32)

interface LinkRow {
  id: string
  seq: string
  prev_hash: Buffer
  hash: Buffer
  computed: Buffer
}

/**
 * Walks one organisation's audit entries in seq order, starting from its retention anchor (or
 * seq 0 and 32 zero bytes), and recomputes every hash in PostgreSQL with the same canonical
 * function the insert trigger used (`audit_log_canonical`), a page at a time.
 */
const verifyOrganisation = async (
  db: pg.Pool,
  orgId: string,
): Promise<{ entries: number; broken: BrokenLink | null }> => {
  const anchor = (
    await db.query<{ seq: string; hash: Buffer }>("SELECT seq, hash FROM audit_anchor WHERE org_id = $1", [
      orgId,
    ])
  ).rows[0]
  let lastSeq = BigInt(anchor?.seq ?? "0")
  let lastHash = anchor?.hash ?? GENESIS
  let entries = 0
  for (;;) {
    const { rows } = await db.query<LinkRow>(
      `SELECT a.id::text AS id, a.seq::text AS seq, a.prev_hash, a.hash,
              sha256(a.prev_hash || audit_log_canonical(a)) AS computed
       FROM audit_log a WHERE a.org_id = $1 AND a.seq > $2 ORDER BY a.seq LIMIT $3`,
      [orgId, lastSeq.toString(), VERIFY_PAGE],
    )
    for (const row of rows) {
      const brokenAs = (problem: ChainProblem, message: string) => ({
        entries,
        broken: { orgId, seq: row.seq, id: row.id, problem, message },
      })
      const expected = lastSeq + 1n
      if (BigInt(row.seq) !== expected) {
        return brokenAs(
          "seq-gap",
          `entries ${expected}…${BigInt(row.seq) - 1n} are missing before seq ${row.seq}`,
        )
      }
      if (!row.prev_hash.equals(lastHash)) {
        return brokenAs("prev-hash-mismatch", `seq ${row.seq} does not link to the hash of seq ${lastSeq}`)
      }
      if (!row.hash.equals(row.computed)) {
        return brokenAs("hash-mismatch", `seq ${row.seq} was changed after it was written`)
      }
      entries++
      lastSeq = expected
      lastHash = row.hash
    }
    if (rows.length < VERIFY_PAGE) return { entries, broken: null }
  }
}

/**
 * Verifies the audit hash chain of one organisation, or of every organisation, and reports the
 * first broken link. Runs as the owner (`db.system`): it reads across row-level security.
 */
export const verifyAuditChain = async (db: pg.Pool, orgId?: string): Promise<ChainReport> => {
  const orgs =
    orgId === undefined
      ? (await db.query<{ id: string }>("SELECT id FROM organisations ORDER BY id")).rows.map((r) => r.id)
      : [orgId]
  let entries = 0
  for (const org of orgs) {
    const result = await verifyOrganisation(db, org)
    entries += result.entries
    if (result.broken !== null) {
      return { intact: false, entries, organisations: orgs.length, broken: result.broken }
    }
  }
  return { intact: true, entries, organisations: orgs.length, broken: null }
}
