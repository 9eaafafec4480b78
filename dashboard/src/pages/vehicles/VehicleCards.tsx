import { A } from "@solidjs/router"
import { CarFront } from "lucide-solid"
import { For, Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { createVehicleCoversQuery } from "../../ui/documents/documentQueries"
import { RentalExpiringBadge, VehicleStatusBadge } from "./VehicleStatusBadge"
import { formatKm } from "./vehicleFormat"
import type { VehicleView } from "./vehicleQueries"

/**
 * The card view of a page of vehicles: the cover photo (a placeholder while a vehicle has none),
 * plate, brand and model, status, odometer, driver, and the "rental expiring" badge.
 */
export const VehicleCards = (props: { readonly vehicles: ReadonlyArray<VehicleView> }) => {
  const { t, format } = useI18n()
  const session = useSession()
  const covers = session.can("documents.read") ? createVehicleCoversQuery() : undefined
  const coverOf = (vehicleId: string): string | undefined => covers?.data?.get(vehicleId)
  return (
    <ul class="vehicle-cards" data-testid="vehicle-cards">
      <For each={props.vehicles}>
        {(v) => (
          <li>
            <A
              href={`/vehicles/${v.id}`}
              class="vehicle-card"
              classList={{ "vehicle-card--rental": v.rental }}
              data-testid="vehicle-card"
              data-id={v.id}
            >
              <Show
                when={coverOf(v.id)}
                fallback={
                  <div class="vehicle-card__photo" role="img" aria-label={t("fleet.photoPlaceholder")}>
                    <CarFront size={40} aria-hidden="true" />
                  </div>
                }
              >
                {(url) => (
                  <img
                    class="vehicle-card__photo vehicle-card__photo--cover"
                    src={url()}
                    alt={v.plate ?? v.name}
                    loading="lazy"
                    data-testid="vehicle-card-cover"
                  />
                )}
              </Show>
              <div class="vehicle-card__body">
                <div class="vehicle-card__head">
                  <strong class="vehicle-plate">{v.plate ?? v.name}</strong>
                  <VehicleStatusBadge status={v.status} />
                </div>
                <span class="vehicle-card__model">
                  {[v.brand, v.model, v.year].filter((x) => x !== null).join(" ") || v.name}
                </span>
                <dl class="vehicle-card__facts">
                  <dt>{t("fleet.odometer")}</dt>
                  <dd>{v.odometerKm === null ? t("fleet.none") : formatKm(format(), v.odometerKm)}</dd>
                  <dt>{t("fleet.driver")}</dt>
                  <dd>{v.assignedDriver?.name ?? t("fleet.noDriver")}</dd>
                </dl>
                <Show when={v.rentalExpiring}>
                  <RentalExpiringBadge />
                </Show>
              </div>
            </A>
          </li>
        )}
      </For>
    </ul>
  )
}
