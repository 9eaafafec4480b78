import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { ArrowRight } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { MenuIconView } from "../../frame/icons"
import { visibleMenu } from "../../frame/menu"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { auditColumns } from "../audit/auditColumns"

/** The signed-in user's overview: who and where they are, where they can go, what happened lately. */
export const HomePage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const mayReadAudit = () => session.can("audit.read")
  const recent = createListQuery(endpoints.audit.list, () => ({
    query: { pageSize: "10" },
    enabled: mayReadAudit(),
  }))
  const columns = createMemo(() => auditColumns(t, format().dateTime).filter((c) => c.id !== "ip"))
  const shortcuts = () =>
    [
      ...visibleMenu(session.user()?.permissions ?? [], "main"),
      ...visibleMenu(session.user()?.permissions ?? [], "admin"),
    ].filter((item) => item.id !== "home")

  return (
    <Show when={session.user()}>
      {(user) => (
        <div class="page" data-testid="home">
          <PageHeader
            title={t("home.greeting", { name: user().name || user().email })}
            description={t("home.subtitle")}
          />
          <div class="cards">
            <section class="card">
              <p class="card__label">{t("home.organisation")}</p>
              <p class="card__value" data-testid="home-org">
                {user().orgName}
              </p>
            </section>
            <section class="card">
              <p class="card__label">{t("home.role")}</p>
              <p class="card__value" data-testid="home-role">
                {t(`roles.${user().role}`)}
              </p>
              <p class="muted">{t(`roleDescriptions.${user().role}`)}</p>
            </section>
            <section class="card">
              <p class="card__label">{t("home.security")}</p>
              <p class="card__value">{user().totpEnabled ? t("home.twoFactorOn") : t("home.twoFactorOff")}</p>
              <A href="/profile" class="link-button">
                {t("home.manageProfile")}
              </A>
            </section>
          </div>
          <section class="section">
            <h2>{t("home.shortcuts")}</h2>
            <div class="shortcuts">
              <For each={shortcuts()}>
                {(item) => (
                  <A href={item.path} class="shortcut" data-testid={`shortcut-${item.id}`}>
                    <MenuIconView icon={item.icon} />
                    <span>{t(`menu.${item.label}`)}</span>
                    <ArrowRight size={16} class="shortcut__arrow" aria-hidden="true" />
                  </A>
                )}
              </For>
            </div>
          </section>
          <Show when={mayReadAudit()}>
            <section class="section" data-testid="recent-activity">
              <div class="section__header">
                <h2>{t("home.recentActivity")}</h2>
                <A href="/audit" class="link-button">
                  {t("home.allActivity")}
                </A>
              </div>
              <DataTable
                id="recent"
                label={t("home.recentActivity")}
                compact
                columns={columns()}
                result={listResultOf(recent)}
                url={fixedTableState(10)}
                rowId={(row) => row.id}
                onRowClick={() => navigate("/audit")}
                empty={{ title: t("home.noActivity") }}
              />
            </section>
          </Show>
        </div>
      )}
    </Show>
  )
}
