import { type Accessor, createEffect, createSignal, onCleanup } from "solid-js"
import { ApiError } from "../api/ApiError"
import type { User } from "../api/types"
import * as authApi from "./authApi"
import { loadSession, makeStoredSession, type StoredSession, saveSession } from "./sessionStore"

/** Refresh this long before the access token expires (or at half its life, if shorter). */
const REFRESH_AHEAD_MS = 60_000
/** After a failed background refresh (network), try again this soon. */
const RETRY_MS = 15_000

export type SignOutReason = "logout" | "expired"

export interface Session {
  readonly user: Accessor<User | null>
  /** Why the last session ended, for the login page; null while signed in or never signed in. */
  readonly signedOutReason: Accessor<SignOutReason | null>
  readonly login: (email: string, password: string) => Promise<void>
  readonly logout: () => Promise<void>
  /** A valid access token, refreshed first if it expires within a few seconds. */
  readonly accessToken: () => Promise<string>
  /**
   * A new access token after the server refused `rejected` (401, WebSocket 4401). If another call
   * already replaced that token, returns the current one without refreshing again.
   */
  readonly refreshAfterRejection: (rejected: string) => Promise<string>
}

const signedOut = () => new ApiError(401, "FLEET_CLIENT_SIGNED_OUT", "not signed in")

/**
 * The sign-in state of this tab: tokens in memory and sessionStorage, refreshed in the
 * background before the access token expires. Refreshes are single-flight because the refresh
 * token rotates: two concurrent refreshes with the same token would sign the user out.
 */
export const createSession = (): Session => {
  const [state, setState] = createSignal<StoredSession | null>(loadSession())
  const [signedOutReason, setSignedOutReason] = createSignal<SignOutReason | null>(null)
  let inFlight: Promise<string> | null = null

  const store = (next: StoredSession | null, reason: SignOutReason | null = null) => {
    saveSession(next)
    setState(next)
    setSignedOutReason(next === null ? reason : null)
  }

  const refreshNow = (): Promise<string> => {
    if (inFlight) return inFlight
    const current = state()
    if (current === null) return Promise.reject(signedOut())
    inFlight = authApi
      .refresh(current.refreshToken)
      .then(
        (response) => {
          const next = makeStoredSession(response, Date.now())
          store(next)
          return next.accessToken
        },
        (error: unknown) => {
          // 401: the refresh token is used, revoked or expired; only signing in again helps.
          if (error instanceof ApiError && error.status === 401) store(null, "expired")
          throw error
        },
      )
      .finally(() => {
        inFlight = null
      })
    return inFlight
  }

  const accessToken = async (): Promise<string> => {
    const current = state()
    if (current === null) throw signedOut()
    if (current.expiresAtMs - Date.now() > 5_000) return current.accessToken
    return refreshNow()
  }

  const refreshAfterRejection = async (rejected: string): Promise<string> => {
    const current = state()
    if (current === null) throw signedOut()
    if (current.accessToken !== rejected) return current.accessToken
    return refreshNow()
  }

  createEffect(() => {
    const current = state()
    if (current === null) return
    const lifetimeMs = Math.max(0, current.expiresAtMs - Date.now())
    const ahead = Math.min(REFRESH_AHEAD_MS, lifetimeMs / 2)
    let timer = window.setTimeout(function tick() {
      refreshNow().catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) timer = window.setTimeout(tick, RETRY_MS)
      })
    }, lifetimeMs - ahead)
    onCleanup(() => window.clearTimeout(timer))
  })

  return {
    user: () => state()?.user ?? null,
    signedOutReason,
    login: async (email, password) => {
      const response = await authApi.login(email, password)
      store(makeStoredSession(response, Date.now()))
    },
    logout: async () => {
      const current = state()
      store(null, "logout")
      if (current === null) return
      // Revoke the refresh token; the local session is gone whatever the server answers.
      await authApi.logout(current.refreshToken).catch(() => undefined)
    },
    accessToken,
    refreshAfterRejection,
  }
}
