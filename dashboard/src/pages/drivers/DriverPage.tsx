import "../organisations/adminPages.css"
import { RecordState } from "../../ui/RecordState"
import "./drivers.css"
import { Tabs } from "@kobalte/core/tabs"
import { A, useParams, useSearchParams } from "@solidjs/router"
import { ArrowLeft, UserRoundX } from "lucide-solid"
import { For } from "solid-js"
import { Dynamic } from "solid-js/web"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { DriverSummary } from "../dashboards/DriverSummary"
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
  const tabs = () => DRIVER_TABS.filter((tab) => session.can(tab.access))
  const current = () => tabs().find((tab) => tab.id === search.tab)?.id ?? tabs()[0]?.id ?? "info"

  return (
    <div class="page">
      <RecordState
        query={query}
        notFound={{
          testId: "driver-not-found",
          icon: <UserRoundX size={22} />,
          title: t("drivers.notFound"),
          description: t("drivers.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(driver) => (
          <>
            <PageHeader
              title={driver().fullName}
              description={[t(`drivers.status_${driver().status}`), driver().employeeId, driver().team?.name]
                .filter((part) => part !== null && part !== undefined)
                .join(" · ")}
              actions={<BackLink />}
            />
            <DriverSummary driverId={driver().id} />
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
      </RecordState>
    </div>
  )
}
