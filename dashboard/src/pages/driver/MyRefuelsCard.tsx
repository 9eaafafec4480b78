import { endpoints } from "@fleetcore/contract"
import { Receipt } from "lucide-solid"
import { For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"

/** The vehicle's latest refuels (the server lists only the driver's assigned vehicles), anomalies marked. */
export const MyRefuelsCard = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const refuels = createListQuery(endpoints.fuel.listEntries, () => ({
    query: { vehicleId: props.vehicleId, pageSize: "5" },
  }))
  return (
    <section class="panel driver-card" data-testid="driver-refuels">
      <h2 class="driver-card__title">
        <Receipt size={18} aria-hidden="true" />
        {t("overview.driver.refuels")}
      </h2>
      <Show
        when={(refuels.data?.items.length ?? 0) > 0}
        fallback={<p class="muted">{t("overview.driver.refuelsNone")}</p>}
      >
        <ul class="driver-list">
          <For each={refuels.data?.items}>
            {(entry) => (
              <li class="driver-refuel" data-testid="driver-refuel-row">
                <span>
                  <strong>
                    {t("overview.driver.litresValue", { value: format().decimal(entry.litres, 1) })}
                  </strong>
                  {entry.amount === null ? "" : ` · ${format().money(entry.amount, entry.currency)}`}
                </span>
                <span class="muted">{format().dateTime(Date.parse(entry.time))}</span>
                <Show when={entry.anomalyStatus === "unchecked"}>
                  <span class="badge badge--danger">{t("overview.driver.anomalyMark")}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
