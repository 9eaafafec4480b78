import "../organisations/adminPages.css"
import "./drivers.css"
import { Tabs } from "@kobalte/core/tabs"
import { A, useParams, useSearchParams } from "@solidjs/router"
import { ArrowLeft, UserRoundX } from "lucide-solid"
import { For, Match, Switch } from "solid-js"
import { Dynamic } from "solid-js/web"
import { ApiError } from "../../api/ApiError"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../../ui/EmptyState"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { createDriverQuery } from "./driverQueries"
import { DRIVER_TABS } from "./driverTabs"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/drivers" class="button button--ghost" data-testid="driver-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("drivers.back")}</span>
    </A>
  )
}

/** One driver: a tab per area the caller may read (`driverTabs.tsx`); the tab lives in the URL. */
export const DriverPage = () => {
  const { t } = useI18n()
  const params = useParams<{ id: string }>()
  const [search, setSearch] = useSearchParams<{ tab?: string }>()
  const session = useSession()
  const query = createDriverQuery(() => params.id)
  const notFound = () => query.error instanceof ApiError && query.error.status === 404
  const tabs = () => DRIVER_TABS.filter((tab) => session.can(tab.access))
  const current = () => tabs().find((tab) => tab.id === search.tab)?.id ?? tabs()[0]?.id ?? "info"

  return (
    <div class="page">
      <Switch>
        <Match when={query.isLoading}>
          <Spinner label={t("states.loading")} />
        </Match>
        <Match when={notFound()}>
          <div data-testid="driver-not-found">
            <EmptyState
              icon={<UserRoundX size={22} />}
              title={t("drivers.notFound")}
              description={t("drivers.notFoundText")}
              action={<BackLink />}
            />
          </div>
        </Match>
        <Match when={query.isError}>
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        </Match>
        <Match when={query.data}>
          {(driver) => (
            <>
              <PageHeader
                title={driver().fullName}
                description={[
                  t(`drivers.status_${driver().status}`),
                  driver().employeeId,
                  driver().team?.name,
                ]
                  .filter((part) => part !== null && part !== undefined)
                  .join(" · ")}
                actions={<BackLink />}
              />
              <Tabs
                value={current()}
                onChange={(tab) =>
                  setSearch({ tab: tab === tabs()[0]?.id ? undefined : tab }, { replace: true })
                }
                class="tabs"
              >
                <Tabs.List class="tabs__list" aria-label={t("drivers.tabs")}>
                  <For each={tabs()}>
                    {(tab) => (
                      <Tabs.Trigger class="tabs__trigger" value={tab.id} data-testid={`driver-tab-${tab.id}`}>
                        {tab.label(t)}
                      </Tabs.Trigger>
                    )}
                  </For>
                  <Tabs.Indicator class="tabs__indicator" />
                </Tabs.List>
                <For each={tabs()}>
                  {(tab) => (
                    <Tabs.Content class="tabs__content" value={tab.id} data-testid={`driver-panel-${tab.id}`}>
                      <Dynamic component={tab.component} driver={driver()} />
                    </Tabs.Content>
                  )}
                </For>
              </Tabs>
            </>
          )}
        </Match>
      </Switch>
    </div>
  )
}
