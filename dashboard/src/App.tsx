import { QueryClient, QueryClientProvider } from "@tanstack/solid-query"
import { createEffect, createMemo, lazy, on, Show } from "solid-js"
import { ApiContext } from "./api/ApiContext"
import { makeApiClient } from "./api/client"
import { shouldRetry } from "./api/queries"
import { createSession } from "./auth/createSession"
import { LoginPage } from "./auth/LoginPage"
import { SessionContext } from "./auth/SessionContext"
import { createI18n } from "./i18n/createI18n"
import { I18nContext } from "./i18n/I18nContext"

// The map libraries are most of the bundle: load them only once signed in. No <Suspense> around
// it on purpose: a query's `data` read while loading would suspend (blank) the whole live page.
const LivePage = lazy(() => import("./live/LivePage").then((m) => ({ default: m.LivePage })))

/** Wires the session, API client, query cache and language together; picks the page. */
export const App = () => {
  const session = createSession()
  const api = makeApiClient(session)
  const i18n = createI18n(() => session.user()?.locale)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: shouldRetry } } })

  const signedIn = createMemo(() => session.user() !== null)
  // Nothing of one user's data outlives their session.
  createEffect(on(signedIn, (now, before) => before === true && !now && queryClient.clear(), { defer: true }))
  createEffect(() => {
    document.title = i18n.t("app.title")
  })

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <ApiContext.Provider value={api}>
          <QueryClientProvider client={queryClient}>
            <Show when={signedIn()} fallback={<LoginPage />}>
              <LivePage />
            </Show>
          </QueryClientProvider>
        </ApiContext.Provider>
      </SessionContext.Provider>
    </I18nContext.Provider>
  )
}
