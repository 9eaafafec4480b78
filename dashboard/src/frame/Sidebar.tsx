import { A, useLocation } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useSession } from "../auth/SessionContext"
import { useI18n } from "../i18n/I18nContext"
import { MenuIconView } from "./icons"
import { type MenuItem, menuItemOf, visibleMenu } from "./menu"

const Section = (props: {
  readonly items: ReadonlyArray<MenuItem>
  readonly title?: string
  readonly onNavigate: () => void
}) => {
  const { t } = useI18n()
  const location = useLocation()
  // One item is active: the one the URL belongs to (`/expenses/budgets` is Budgets, not Expenses).
  const current = () => menuItemOf(location.pathname)?.id
  return (
    <Show when={props.items.length > 0}>
      <div class="sidebar__section">
        <Show when={props.title}>
          <p class="sidebar__section-title">{props.title}</p>
        </Show>
        <ul>
          <For each={props.items}>
            {(item) => (
              <li>
                <A
                  href={item.path}
                  end={item.path === "/"}
                  class="sidebar__link"
                  activeClass=""
                  classList={{ "sidebar__link--active": current() === item.id }}
                  data-testid={`nav-${item.id}`}
                  onClick={() => props.onNavigate()}
                >
                  <MenuIconView icon={item.icon} />
                  <span>{t(`menu.${item.label}`)}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  )
}

/** The pages this user's role may open, from the one menu table. */
export const Sidebar = (props: { readonly onNavigate: () => void }) => {
  const { t } = useI18n()
  const session = useSession()
  const permissions = () => session.user()?.permissions ?? []
  return (
    <nav class="sidebar" aria-label={t("frame.navigation")} data-testid="sidebar">
      <A href="/" class="sidebar__brand" onClick={() => props.onNavigate()}>
        <span class="logo" aria-hidden="true" />
        <strong>{t("app.title")}</strong>
      </A>
      <Section items={visibleMenu(permissions(), "main")} onNavigate={props.onNavigate} />
      <Section
        items={visibleMenu(permissions(), "admin")}
        title={t("frame.administration")}
        onNavigate={props.onNavigate}
      />
      <div class="sidebar__footer muted">
        <Show when={session.user()}>{(user) => <span data-testid="sidebar-org">{user().orgName}</span>}</Show>
      </div>
    </nav>
  )
}
