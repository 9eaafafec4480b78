import { type Log, listenPostgres } from "@fleetcore/platform"
import type pg from "pg"
import type { Principal } from "./Principal.js"
import type { Tokens, VerifyResult } from "./Tokens.js"

/** The PostgreSQL channel the account triggers notify (`1734970000000_account-changes.sql`). */
const CHANNEL = "fleet_account_changes"
/** How long a look-up stands without a notification (a fallback: a change notifies at once). */
const TTL_MS = 30_000
/** Bounded: the oldest look-up goes first. */
const MAX_ENTRIES = 50_000

/**
 * What an access token's account says now: `ok`; `stale` (its role or organisation changed: a
 * refreshed token carries the new one); `ended` (its login ended, or the account is disabled or gone).
 */
export type Standing = "ok" | "stale" | "ended"

/** What changed: an account, a login, or (neither) anything, after changes may have been missed. */
export interface AccountChange {
  readonly userId?: string
  readonly sessionId?: string
}

interface Account {
  readonly role: string
  readonly orgId: string
  readonly disabled: boolean
}

/** A bounded map of look-ups in flight or done, each standing for `TTL_MS`. */
const lookups = <T>() => {
  const entries = new Map<string, { readonly value: Promise<T>; readonly atMs: number }>()
  return {
    get: (key: string, load: () => Promise<T>): Promise<T> => {
      const known = entries.get(key)
      if (known !== undefined && Date.now() - known.atMs < TTL_MS) return known.value
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
      const value = load()
      const entry = { value, atMs: Date.now() }
      entries.set(key, entry)
      // A failed look-up is not remembered: the next request asks again.
      value.catch(() => entries.get(key) === entry && entries.delete(key))
      return value
    },
    forget: (key: string) => entries.delete(key),
    clear: () => entries.clear(),
  }
}

/**
 * Checks, on every request, that a verified access token still stands for its account, so that a
 * logout, a deactivation, a password change (which ends the other logins) or a new role takes effect
 * at once instead of when the token expires (15 minutes). Look-ups are kept per account and login;
 * the database triggers notify every API process of a change, which forgets that look-up.
 */
export const startAccountCheck = async (db: pg.Pool, log: Log) => {
  const accounts = lookups<Account | null>()
  const logins = lookups<boolean>()
  const listeners = new Set<(change: AccountChange) => void>()
  const changed = (change: AccountChange) => {
    for (const listener of listeners) listener(change)
  }
  const listener = await listenPostgres(db, {
    channels: [CHANNEL],
    name: "account changes",
    log,
    onNotification: (_channel, payload) => {
      const [kind, id] = (payload ?? "").split(":")
      if (id === undefined) return
      if (kind === "user") {
        accounts.forget(id)
        changed({ userId: id })
      } else if (kind === "session") {
        logins.forget(id)
        changed({ sessionId: id })
      }
    },
    // Changes made while the listener was away were not heard.
    onResumed: () => {
      accounts.clear()
      logins.clear()
      changed({})
    },
  })

  const standing = async (p: Principal): Promise<Standing> => {
    const [account, live] = await Promise.all([
      accounts.get(p.userId, async () => {
        const { rows } = await db.query<Account>(
          `SELECT role, org_id AS "orgId", disabled FROM users WHERE id = $1`,
          [p.userId],
        )
        return rows[0] ?? null
      }),
      p.sessionId === null
        ? true
        : logins.get(p.sessionId, async () => {
            const { rowCount } = await db.query(
              `SELECT 1 FROM refresh_tokens
               WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now() LIMIT 1`,
              [p.sessionId],
            )
            return (rowCount ?? 0) > 0
          }),
    ])
    if (account === null || account.disabled || !live) return "ended"
    return account.role === p.role && account.orgId === p.homeOrgId ? "ok" : "stale"
  }

  return {
    standing,
    /**
     * Calls `listener` after an account (`userId`) or a login (`sessionId`) changed, or with neither
     * after changes may have been missed. Returns the unsubscribe.
     */
    onChange: (listener: (change: AccountChange) => void): (() => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /**
     * `tokens`, whose `verifyAccess` also asks the account: a token of an ended login or account is
     * invalid, and one whose role or organisation changed is expired (the client refreshes it).
     */
    checking: (tokens: Tokens): Tokens => ({
      ...tokens,
      verifyAccess: async (token: string): Promise<VerifyResult> => {
        const verified = await tokens.verifyAccess(token)
        if (!verified.ok) return verified
        const now = await standing(verified.principal)
        return now === "ok" ? verified : { ok: false, expired: now === "stale" }
      },
    }),
    close: listener.close,
  }
}

export type AccountCheck = Awaited<ReturnType<typeof startAccountCheck>>
