import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { FilePen } from "lucide-solid"
import { For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { ChangeStatusBadge } from "../vehicleAccess/ChangeStatusBadge"
import { ProposeChangeForm } from "../vehicleAccess/ProposeChangeForm"

/**
 * The driver proposes a correction to their vehicle's critical data (VIN, plate, odometer, oil,
 * service norms, engine), which the vehicle's managers approve or reject; below, the driver's own
 * proposals of this vehicle (the server lists only theirs) with where each stands.
 */
export const ProposeChangeCard = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const mine = createListQuery(endpoints.changeRequests.list, () => ({
    query: { vehicleId: props.vehicleId, sort: "-createdAt" as const, pageSize: "5" },
  }))
  return (
    <section class="panel driver-card" data-testid="driver-propose-change">
      <h2 class="driver-card__title">
        <FilePen size={18} aria-hidden="true" />
        {t("vehicleAccess.proposeTitle")}
      </h2>
      <p class="muted">{t("vehicleAccess.proposeHint")}</p>
      <ProposeChangeForm vehicleId={props.vehicleId} />
      <Show when={(mine.data?.items.length ?? 0) > 0}>
        <h3 class="driver-card__subtitle">{t("vehicleAccess.myProposals")}</h3>
        <ul class="driver-list">
          <For each={mine.data?.items}>
            {(r) => (
              <li class="driver-proposal" data-testid="driver-proposal" data-proposal={r.id}>
                <A href={`/vehicle-change-requests/${r.id}`} class="driver-proposal__link">
                  <strong>
                    {Object.keys(r.changes)
                      .map((f) => t(`vehicleAccess.field_${f as "vin"}`))
                      .join(", ")}
                  </strong>
                  <span class="muted">{format().dateTime(Date.parse(r.createdAt))}</span>
                </A>
                <ChangeStatusBadge status={r.status} deciding={false} testId="driver-proposal-status" />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
