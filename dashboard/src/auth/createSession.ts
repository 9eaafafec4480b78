import { type CallOutput, endpoints, type Permission } from "@fleetcore/contract"
import { type Accessor, createSignal } from "solid-js"
import type { Api } from "../api/ApiContext"
import { ApiError } from "../api/ApiError"

export type Me = CallOutput<typeof endpoints.me.get>
export type SignOutReason = "logout" | "expired"
/** `unreachable`: the server could not say who is signed in (offline, 5xx); `load` tries again. */
export type SessionStatus = "loading" | "signedIn" | "signedOut" | "unreachable"

/** A second factor for a sign-in that answered FLEET_AUTH_TOTP_REQUIRED. */
export type SecondFactor = { readonly totpCode: string } | { readonly recoveryCode: string }

export interface Session {
  readonly status: Accessor<SessionStatus>
  /** The signed-in user and what their role allows; null until known or once signed out. */
  readonly user: Accessor<Me | null>
  /** Why the last session ended, for the login page. */
  readonly signedOutReason: Accessor<SignOutReason | null>
  readonly can: (permission: Permission) => boolean
  /** Asks the server who is signed in (the session lives in httpOnly cookies). */
  readonly load: () => Promise<void>
  /** Why the last `load` failed, when the status is `unreachable`. */
  readonly loadError: Accessor<unknown>
  readonly login: (email: string, password: string, factor?: SecondFactor) => Promise<void>
  /** The Telegram Mini App's sign-in: its signed `initData` (and a link code the first time). */
  readonly telegramSignIn: (organisationId: string, initData: string, linkCode?: string) => Promise<void>
  readonly logout: () => Promise<void>
  /** The server's answer after a profile change. */
  readonly setUser: (me: Me) => void
  /** The owner acts in another organisation; the session cookies are replaced. */
  readonly switchOrganisation: (organisationId: string) => Promise<void>
  /** The transport found the session gone (a refused refresh). */
  readonly lost: () => void
}

/**
 * The browser session. Its tokens are httpOnly cookies the page never sees; what the page keeps
 * is the user (from `me.get` or the sign-in answer) in memory only.
 */
export const createSession = (api: () => Api): Session => {
  const [user, setUserSignal] = createSignal<Me | null>(null)
  const [status, setStatus] = createSignal<SessionStatus>("loading")
  const [signedOutReason, setSignedOutReason] = createSignal<SignOutReason | null>(null)
  const [loadError, setLoadError] = createSignal<unknown>()

  const signIn = (me: Me) => {
    setUserSignal(me)
    setSignedOutReason(null)
    setStatus("signedIn")
  }
  const signOut = (reason: SignOutReason | null) => {
    setUserSignal(null)
    setSignedOutReason(reason)
    setStatus("signedOut")
  }

  return {
    status,
    user,
    signedOutReason,
    can: (permission) => user()?.permissions.includes(permission) ?? false,
    loadError,
    load: async () => {
      setStatus("loading")
      try {
        signIn(await api().call(endpoints.me.get, {}))
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          signOut(null)
        } else {
          setLoadError(() => error)
          setStatus("unreachable")
        }
      }
    },
    login: async (email, password, factor) => {
      const session = await api().call(endpoints.auth.login, {
        body: { email, password, session: "cookie", ...factor },
      })
      signIn(session.user)
    },
    telegramSignIn: async (organisationId, initData, linkCode) => {
      const session = await api().call(endpoints.telegram.signIn, {
        body: { organisationId, initData, ...(linkCode === undefined ? {} : { linkCode }) },
      })
      signIn(session.user)
    },
    logout: async () => {
      // The cookies are cleared by the server's answer; the page forgets the user whatever it says.
      await api()
        .call(endpoints.auth.logout, { body: {} })
        .catch(() => undefined)
      signOut("logout")
    },
    setUser: (me) => setUserSignal(me),
    switchOrganisation: async (organisationId) => {
      const session = await api().call(endpoints.auth.switchOrganisation, {
        body: { organisationId, session: "cookie" },
      })
      signIn(session.user)
    },
    lost: () => {
      if (status() === "signedIn") signOut("expired")
    },
  }
}
