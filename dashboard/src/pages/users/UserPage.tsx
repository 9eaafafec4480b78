import "../organisations/adminPages.css"
import { A, useParams } from "@solidjs/router"
import { ArrowLeft, UserRoundX } from "lucide-solid"
import { Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { localeNames } from "../../i18n/locales"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { mayGrant } from "./grantableRoles"
import { UserAccessPanel } from "./UserAccessPanel"
import { UserEditForm } from "./UserEditForm"
import { UserStatusBadge } from "./UserStatusBadge"
import { createUserQuery } from "./userQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/users" class="button button--ghost" data-testid="user-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("users.back")}</span>
    </A>
  )
}

/**
 * One user: their facts for anyone who may read users; editing, deactivation and a new
 * set-password link for those who may manage them (an owner only by an owner, never oneself).
 */
export const UserPage = () => {
  const { t, format } = useI18n()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const query = createUserQuery(() => params.id)
  const mayManage = (role: Parameters<typeof mayGrant>[1]) =>
    session.can("users.manage") && mayGrant(session.user()?.role ?? "viewer", role)

  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "user-not-found",
          icon: <UserRoundX size={22} />,
          title: t("users.notFound"),
          description: t("users.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(user) => (
          <>
            <PageHeader title={user().name} description={user().email} actions={<BackLink />} />
            <section class="panel">
              <dl class="facts" data-testid="user-facts">
                <dt>{t("users.status")}</dt>
                <dd>
                  <UserStatusBadge status={user().status} />
                </dd>
                <dt>{t("users.role")}</dt>
                <dd data-testid="user-facts-role">{t(`roles.${user().role}`)}</dd>
                <dt>{t("users.phone")}</dt>
                <dd>{user().phone ?? "—"}</dd>
                <dt>{t("users.language")}</dt>
                <dd>{localeNames[user().locale]}</dd>
                <dt>{t("users.twoFactor")}</dt>
                <dd>{user().totpEnabled ? t("users.on") : t("users.off")}</dd>
                <dt>{t("users.lastLogin")}</dt>
                <dd>
                  {user().lastLoginAt === null
                    ? t("users.never")
                    : format().dateTime(Date.parse(user().lastLoginAt ?? ""))}
                </dd>
                <dt>{t("users.createdAt")}</dt>
                <dd>{format().dateTime(Date.parse(user().createdAt))}</dd>
              </dl>
            </section>
            <Show when={mayManage(user().role)}>
              <section class="panel">
                <div class="panel__header">
                  <h2>{t("users.details")}</h2>
                  <Show when={user().id === session.user()?.id}>
                    <p class="muted">{t("users.selfText")}</p>
                  </Show>
                </div>
                <Show when={user().id} keyed>
                  <UserEditForm user={user()} />
                </Show>
              </section>
              <Show when={user().id !== session.user()?.id}>
                <UserAccessPanel user={user()} />
              </Show>
            </Show>
          </>
        )}
      </RecordState>
    </div>
  )
}
