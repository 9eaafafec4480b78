import { Show } from "solid-js"
import type { VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { statusCssColor, type VehicleStatus } from "./vehicleStatus"

/** What a row of the side list shows of a vehicle (read from the live map's snapshot). */
export interface VehicleRowData {
  readonly id: VehicleId
  readonly name: string
  readonly plate: string | null
  readonly status: VehicleStatus
  readonly speedMps: number | null
  /** null: the vehicle never reported a position. */
  readonly timeMs: number | null
}

export interface VehicleRowProps {
  readonly vehicle: VehicleRowData
  readonly selected: boolean
  readonly nowMs: number
  readonly onSelect: () => void
}

export const VehicleRow = (props: VehicleRowProps) => {
  const { t, format } = useI18n()
  return (
    <button
      type="button"
      class="vehicle-row"
      classList={{ "vehicle-row--selected": props.selected }}
      aria-pressed={props.selected}
      data-testid="vehicle-row"
      data-vehicle-id={props.vehicle.id}
      data-status={props.vehicle.status}
      onClick={() => props.onSelect()}
    >
      <span
        class="status-dot"
        style={{ "background-color": statusCssColor(props.vehicle.status) }}
        title={t(`status.${props.vehicle.status}`)}
      />
      <span class="vehicle-row__main">
        <span class="vehicle-row__name">{props.vehicle.name}</span>
        <span class="vehicle-row__plate" classList={{ muted: props.vehicle.plate === null }}>
          {props.vehicle.plate ?? t("vehicles.noPlate")}
        </span>
      </span>
      <Show
        when={props.vehicle.timeMs}
        fallback={<span class="vehicle-row__meta muted">{t("vehicles.noPosition")}</span>}
      >
        {(timeMs) => (
          <span class="vehicle-row__meta">
            <span class="vehicle-row__speed" data-testid="vehicle-speed">
              {props.vehicle.speedMps === null
                ? t("details.notReported")
                : format().speed(props.vehicle.speedMps)}
            </span>
            <time
              class="vehicle-row__seen"
              data-testid="vehicle-last-seen"
              datetime={new Date(timeMs()).toISOString()}
              title={format().dateTime(timeMs())}
            >
              {format().relative(timeMs(), props.nowMs)}
            </time>
          </span>
        )}
      </Show>
    </button>
  )
}
