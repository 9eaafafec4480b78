import { A } from "@solidjs/router"
import { Banknote, TriangleAlert } from "lucide-solid"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../../ui/EmptyState"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { createHomeQuery } from "../home/homeQueries"
import { MyRefuelsCard } from "./MyRefuelsCard"
import { MyTasksCard } from "./MyTasksCard"
import { MyTicketsCard } from "./MyTicketsCard"
import { MyTripsCard } from "./MyTripsCard"
import { MyVehicleCard } from "./MyVehicleCard"
import { OdometerCard } from "./OdometerCard"
import { ProposeChangeCard } from "./ProposeChangeCard"
import { RaiseTicketCard } from "./RaiseTicketCard"
import { RefuelCard } from "./RefuelCard"
import "../home/home.css"
import "./driver.css"

/**
 * The driver's portal at phone width (seed 003 "driver/my-vehicle"): the vehicle assigned now, a
 * banner while their refuels wait for a check, trips and mileage, logging a refuel or an odometer
 * reading with a photo, a correction of the vehicle's critical data for the managers to approve,
 * and their fines. The data is the driver's part of `GET /api/v1/home`.
 */
export const DriverPortalPage = () => {
  const { t, format } = useI18n()
  const home = createHomeQuery()
  return (
    <div class="page driver-portal" data-testid="driver-portal">
      <PageHeader title={t("overview.driver.title")} description={t("overview.driver.subtitle")} />
      <Show
        when={!home.isError}
        fallback={<ErrorState error={home.error} retry={() => void home.refetch()} />}
      >
        <Show when={home.data} fallback={<Spinner label={t("states.loading")} />}>
          {(data) => (
            <Show when={data().driver} fallback={<EmptyState title={t("overview.driver.noDriver")} />}>
              {(me) => (
                <>
                  <Show when={me().uncheckedAnomalies > 0}>
                    <p class="home-banner" role="alert" data-testid="driver-anomaly-banner">
                      <TriangleAlert size={18} aria-hidden="true" />
                      <span>
                        {t("overview.driver.anomalyBanner", {
                          count: format().integer(me().uncheckedAnomalies),
                        })}
                      </span>
                    </p>
                  </Show>
                  <Show when={me().driverId === null}>
                    <EmptyState title={t("overview.driver.noDriver")} />
                  </Show>
                  <Show
                    when={me().vehicles.length > 0}
                    fallback={
                      <Show when={me().driverId !== null}>
                        <EmptyState title={t("overview.driver.noVehicle")} />
                      </Show>
                    }
                  >
                    <For each={me().vehicles}>
                      {(vehicle) => (
                        <div class="driver-stack">
                          <MyVehicleCard vehicle={vehicle} />
                          <RaiseTicketCard vehicleId={vehicle.vehicleId} />
                          <RefuelCard vehicleId={vehicle.vehicleId} driverId={me().driverId} />
                          <MyRefuelsCard vehicleId={vehicle.vehicleId} />
                          <OdometerCard vehicleId={vehicle.vehicleId} />
                          <ProposeChangeCard vehicleId={vehicle.vehicleId} />
                          <MyTripsCard vehicleId={vehicle.vehicleId} />
                        </div>
                      )}
                    </For>
                  </Show>
                  <MyTasksCard />
                  <Show when={me().driverId !== null}>
                    <MyTicketsCard />
                  </Show>
                  <A
                    href="/penalties"
                    class="panel driver-card driver-penalties"
                    data-testid="driver-penalties"
                  >
                    <span class="driver-card__title">
                      <Banknote size={18} aria-hidden="true" />
                      {t("overview.driver.penalties")}
                    </span>
                    <span
                      classList={{
                        "badge badge--danger": me().unpaidPenalties > 0,
                        muted: me().unpaidPenalties === 0,
                      }}
                    >
                      {t("overview.driver.penaltiesUnpaid", {
                        count: format().integer(me().unpaidPenalties),
                      })}
                    </span>
                    <span class="link-button">{t("overview.driver.penaltiesOpen")}</span>
                  </A>
                </>
              )}
            </Show>
          )}
        </Show>
      </Show>
    </div>
  )
}
