import { Navigate, type RouteSectionProps, useLocation } from "@solidjs/router"
import { Menu } from "lucide-solid"
import { createEffect, createSignal, Match, on, onCleanup, Show, Switch } from "solid-js"
import { useSession } from "../auth/SessionContext"
import { useI18n } from "../i18n/I18nContext"
import { ErrorState } from "../ui/ErrorState"
import { Spinner } from "../ui/Spinner"
import { LanguageMenu } from "./LanguageMenu"
import { NotificationBell } from "./NotificationBell"
import { OrganisationSwitcher } from "./OrganisationSwitcher"
import { Sidebar } from "./Sidebar"
import { ThemeMenu } from "./ThemeMenu"
import { UserMenu } from "./UserMenu"
import { ZoneBadge } from "./ZoneBadge"

/**
 * The signed-in frame: sidebar, top bar and the page. Signed out, it sends the user to the login
 * page with the URL to come back to. At phone width the sidebar is a drawer.
 */
export const Frame = (props: RouteSectionProps) => {
  const { t } = useI18n()
  const session = useSession()
  const location = useLocation()
  const [drawer, setDrawer] = createSignal(false)
  createEffect(
    on(
      () => location.pathname,
      () => setDrawer(false),
    ),
  )
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") setDrawer(false)
  }
  window.addEventListener("keydown", onKey)
  onCleanup(() => window.removeEventListener("keydown", onKey))
  const next = () => encodeURIComponent(`${location.pathname}${location.search}`)

  return (
    <Switch>
      <Match when={session.status() === "loading"}>
        <div class="page page--centered">
          <Spinner label={t("states.loading")} />
        </div>
      </Match>
      <Match when={session.status() === "unreachable"}>
        <div class="page page--centered">
          <ErrorState error={session.loadError()} retry={() => void session.load()} />
        </div>
      </Match>
      <Match when={session.status() === "signedOut"}>
        <Navigate href={location.pathname === "/" ? "/login" : `/login?next=${next()}`} />
      </Match>
      <Match when={session.status() === "signedIn"}>
        <div class="frame" classList={{ "frame--drawer-open": drawer() }}>
          <Sidebar onNavigate={() => setDrawer(false)} />
          <button
            type="button"
            class="frame__scrim"
            aria-label={t("common.close")}
            tabIndex={-1}
            onClick={() => setDrawer(false)}
          />
          <div class="frame__main">
            <header class="topbar">
              <button
                type="button"
                class="button button--ghost button--icon topbar__menu"
                aria-label={t("frame.openMenu")}
                aria-expanded={drawer()}
                data-testid="open-menu"
                onClick={() => setDrawer(true)}
              >
                <Menu size={20} />
              </button>
              <Show
                when={session.can("organisations.manage")}
                fallback={
                  <span class="topbar__org" data-testid="org-name">
                    {session.user()?.orgName}
                  </span>
                }
              >
                <OrganisationSwitcher />
              </Show>
              <ZoneBadge />
              <div class="topbar__end">
                <NotificationBell />
                <LanguageMenu />
                <ThemeMenu />
                <UserMenu />
              </div>
            </header>
            <main class="frame__content">{props.children}</main>
          </div>
        </div>
      </Match>
    </Switch>
  )
}
