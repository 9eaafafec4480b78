import { Show } from "solid-js"
import type { Vehicle } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { statusCssColor, vehicleStatus } from "./vehicleStatus"

export interface VehicleRowProps {
  readonly vehicle: Vehicle
  readonly selected: boolean
  readonly nowMs: number
  readonly onSelect: () => void
}

export const VehicleRow = (props: VehicleRowProps) => {
  const { t, format } = useI18n()
  const status = () => vehicleStatus(props.vehicle.last, props.nowMs)
  return (
    <li>
      <button
        type="button"
        class="vehicle-row"
        classList={{ "vehicle-row--selected": props.selected }}
        aria-pressed={props.selected}
        data-testid="vehicle-row"
        data-vehicle-id={props.vehicle.id}
        data-status={status()}
        onClick={() => props.onSelect()}
      >
        <span
          class="status-dot"
          style={{ "background-color": statusCssColor(status()) }}
          title={t(`status.${status()}`)}
        />
        <span class="vehicle-row__main">
          <span class="vehicle-row__name">{props.vehicle.name}</span>
          <span class="vehicle-row__plate" classList={{ muted: props.vehicle.plate === null }}>
            {props.vehicle.plate ?? t("vehicles.noPlate")}
          </span>
        </span>
        <Show
          when={props.vehicle.last}
          fallback={<span class="vehicle-row__meta muted">{t("vehicles.noPosition")}</span>}
        >
          {(last) => (
            <span class="vehicle-row__meta">
              <span class="vehicle-row__speed" data-testid="vehicle-speed">
                {last().speedMps === null ? t("details.notReported") : format().speed(last().speedMps ?? 0)}
              </span>
              <time
                class="vehicle-row__seen"
                data-testid="vehicle-last-seen"
                datetime={new Date(last().timeMs).toISOString()}
                title={format().dateTime(last().timeMs)}
              >
                {format().relative(last().timeMs, props.nowMs)}
              </time>
            </span>
          )}
        </Show>
      </button>
    </li>
  )
}
