import "../organisations/adminPages.css"
import { RecordState } from "../../ui/RecordState"
import "./vehicles.css"
import { A, useParams, useSearchParams } from "@solidjs/router"
import { ArrowLeft, CarFront } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { Dynamic } from "solid-js/web"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { VehicleSummary } from "../dashboards/VehicleSummary"
import { RentalExpiringBadge, VehicleStatusBadge } from "./VehicleStatusBadge"
import { createVehicleQuery } from "./vehicleQueries"
import { VEHICLE_TABS } from "./vehicleTabs"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/vehicles" class="button button--ghost vehicle-back" data-testid="vehicle-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("fleet.back")}</span>
    </A>
  )
}

/** One vehicle: its header and the tabs the caller's role may open (`?tab=` in the URL). */
export const VehiclePage = () => {
  const { t } = useI18n()
  const params = useParams<{ id: string }>()
  const [search, setSearch] = useSearchParams()
  const session = useSession()
  const query = createVehicleQuery(() => params.id)
  const tabs = createMemo(() => VEHICLE_TABS.filter((tab) => session.can(tab.access)))
  const current = createMemo(() => tabs().find((tab) => tab.id === search.tab) ?? tabs()[0])

  return (
    <div class="page">
      <RecordState
        query={query}
        notFound={{
          testId: "vehicle-not-found",
          icon: <CarFront size={22} />,
          title: t("fleet.notFound"),
          description: t("fleet.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(vehicle) => (
          <>
            <BackLink />
            <PageHeader
              title={vehicle().plate ? `${vehicle().plate} · ${vehicle().name}` : vehicle().name}
              description={[vehicle().brand, vehicle().model, vehicle().year]
                .filter((x) => x !== null)
                .join(" ")}
              actions={
                <span class="vehicle-badges">
                  <VehicleStatusBadge status={vehicle().status} />
                  <Show when={vehicle().rentalExpiring}>
                    <RentalExpiringBadge />
                  </Show>
                </span>
              }
            />
            <VehicleSummary vehicleId={vehicle().id} />
            <div class="vehicle-tabs" role="tablist" aria-label={t("fleet.tabsLabel")}>
              <For each={tabs()}>
                {(tab) => (
                  <button
                    type="button"
                    role="tab"
                    class="vehicle-tabs__tab"
                    aria-selected={current()?.id === tab.id}
                    data-testid={`vehicle-tab-${tab.id}`}
                    onClick={() => setSearch({ tab: tab.id === "info" ? undefined : tab.id })}
                  >
                    {t(tab.label as Parameters<typeof t>[0]) as string}
                  </button>
                )}
              </For>
            </div>
            <div
              role="tabpanel"
              class="vehicle-tabpanel"
              data-testid={`vehicle-panel-${current()?.id ?? ""}`}
            >
              <Show when={current()} keyed>
                {(tab) => <Dynamic component={tab.component} vehicle={vehicle()} />}
              </Show>
            </div>
          </>
        )}
      </RecordState>
    </div>
  )
}
