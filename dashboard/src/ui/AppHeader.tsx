import { createSignal, type JSX, Show } from "solid-js"
import { useSession } from "../auth/SessionContext"
import { useI18n } from "../i18n/I18nContext"
import { LanguageSwitcher } from "./LanguageSwitcher"

/** The top bar: product, organisation and user, whatever the page puts in `children`, language, sign-out. */
export const AppHeader = (props: { readonly children?: JSX.Element }) => {
  const { t } = useI18n()
  const session = useSession()
  const [signingOut, setSigningOut] = createSignal(false)
  const logout = async () => {
    setSigningOut(true)
    try {
      await session.logout()
    } finally {
      setSigningOut(false)
    }
  }
  return (
    <header class="app-header">
      <div class="app-header__brand">
        <span class="logo" aria-hidden="true" />
        <strong>{t("app.title")}</strong>
        <Show when={session.user()}>
          {(user) => (
            <span class="app-header__org muted" data-testid="org-name" title={user().email}>
              {user().orgName} · {user().name}
            </span>
          )}
        </Show>
      </div>
      <div class="app-header__actions">
        {props.children}
        <LanguageSwitcher />
        <button type="button" class="button" data-testid="logout" disabled={signingOut()} onClick={logout}>
          {signingOut() ? t("header.signingOut") : t("header.logout")}
        </button>
      </div>
    </header>
  )
}
