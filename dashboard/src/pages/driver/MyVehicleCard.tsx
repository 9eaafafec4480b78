import type { HomeDriver } from "@fleetcore/contract"
import { Car } from "lucide-solid"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

type MyVehicle = (typeof HomeDriver.Type)["vehicles"][number]

/** The vehicle assigned to the driver now: name, plate, odometer, when it last reported. */
export const MyVehicleCard = (props: { readonly vehicle: MyVehicle }) => {
  const { t, format } = useI18n()
  return (
    <section class="panel driver-card driver-vehicle" data-testid="driver-vehicle">
      <h2 class="driver-card__title">
        <Car size={20} aria-hidden="true" />
        {props.vehicle.name}
      </h2>
      <p class="muted">
        {t("overview.driver.since", { date: format().dateTime(Date.parse(props.vehicle.assignedSince)) })}
      </p>
      <dl class="driver-facts">
        <div>
          <dt>{t("overview.driver.plate")}</dt>
          <dd class="driver-plate" data-testid="driver-plate">
            {props.vehicle.plate ?? "—"}
          </dd>
        </div>
        <div>
          <dt>{t("overview.driver.odometer")}</dt>
          <dd data-testid="driver-odometer-value">
            {props.vehicle.odometerKm === null ? "—" : format().distanceKm(props.vehicle.odometerKm * 1000)}
          </dd>
        </div>
        <div>
          <dt>{t("overview.driver.lastPosition")}</dt>
          <dd>
            <Show when={props.vehicle.lastPositionAt} fallback={t("overview.driver.never")}>
              {(at) => format().dateTime(Date.parse(at()))}
            </Show>
          </dd>
        </div>
      </dl>
    </section>
  )
}
