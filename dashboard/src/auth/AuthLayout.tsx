import type { JSX } from "solid-js"
import { LanguageMenu } from "../frame/LanguageMenu"
import { ThemeMenu } from "../frame/ThemeMenu"
import { useI18n } from "../i18n/I18nContext"

/** The pages outside the frame (sign-in, choosing a password): a centred card, language and theme. */
export const AuthLayout = (props: { readonly children: JSX.Element }) => {
  const { t } = useI18n()
  return (
    <main class="auth-page">
      <div class="auth-page__tools">
        <LanguageMenu />
        <ThemeMenu />
      </div>
      <div class="auth-card">
        <div class="auth-card__brand">
          <span class="logo" aria-hidden="true" />
          <strong>{t("app.title")}</strong>
        </div>
        {props.children}
      </div>
      <p class="auth-page__footer muted">{t("login.subtitle")}</p>
    </main>
  )
}
