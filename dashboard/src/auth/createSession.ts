import { type CallOutput, endpoints, type Permission } from "@fleetcore/contract"
import { type Accessor, createSignal } from "solid-js"
import type { Api } from "../api/ApiContext"
import { ApiError } from "../api/ApiError"

export type Me = CallOutput<typeof endpoints.me.get>
export type SignOutReason = "logout" | "expired"
/** `unreachable`: the server could not say who is signed in (offline, 5xx); `load` tries again. */
export type SessionStatus = "loading" | "signedIn" | "signedOut" | "unreachable"

/** A language or theme chosen before signing in (the login page's menus). */
export type PreferenceChoice = { readonly locale?: Me["locale"]; readonly theme?: Me["theme"] }

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
  /**
   * Signs in with a password. A language or theme chosen just before (`choosePreferences`) wins
   * over the profile's and is saved into it.
   */
  readonly login: (email: string, password: string, factor?: SecondFactor) => Promise<void>
  /** Remembers, for this page's next sign-in, a language or theme chosen while signed out. */
  readonly choosePreferences: (choice: PreferenceChoice) => void
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
  // In memory only: a choice made on the login page before a reload is not "just before" a sign-in.
  let chosen: PreferenceChoice = {}

  /** `me` with the login page's choice saved into the profile; `me` as it is if saving fails. */
  const withChosenPreferences = async (me: Me): Promise<Me> => {
    const choice = chosen
    chosen = {}
    const differs =
      (choice.locale !== undefined && choice.locale !== me.locale) ||
      (choice.theme !== undefined && choice.theme !== me.theme)
    if (!differs) return me
    return api()
      .call(endpoints.me.update, { body: choice })
      .catch(() => me)
  }

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
      signIn(await withChosenPreferences(session.user))
    },
    choosePreferences: (choice) => {
      chosen = { ...chosen, ...choice }
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
