import { For } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { type VehicleStatus, vehicleStatuses } from "../vehicles/vehicleStatus"

interface Named {
  readonly id: string
  readonly name: string
}

export interface LiveFiltersProps {
  readonly status: VehicleStatus | null
  readonly onStatus: (status: VehicleStatus | null) => void
  readonly teams: ReadonlyArray<Named>
  readonly teamId: string | null
  readonly onTeam: (id: string | null) => void
  readonly vehicleTypes: ReadonlyArray<Named>
  readonly vehicleTypeId: string | null
  readonly onVehicleType: (id: string | null) => void
}

const isStatus = (value: string): value is VehicleStatus =>
  (vehicleStatuses as ReadonlyArray<string>).includes(value)

/** The live map's filters: status (applied live in the page), team and vehicle type (by the server). */
export const LiveFilters = (props: LiveFiltersProps) => {
  const { t } = useI18n()
  return (
    <fieldset class="live-filters" data-testid="live-filters">
      <legend class="visually-hidden">{t("liveMap.filters")}</legend>
      <label>
        <span>{t("liveMap.status")}</span>
        <select
          data-testid="live-filter-status"
          value={props.status ?? ""}
          onChange={(event) => {
            const value = event.currentTarget.value
            props.onStatus(isStatus(value) ? value : null)
          }}
        >
          <option value="">{t("liveMap.allStatuses")}</option>
          <For each={vehicleStatuses}>
            {(status) => <option value={status}>{t(`status.${status}`)}</option>}
          </For>
        </select>
      </label>
      <label>
        <span>{t("liveMap.team")}</span>
        <select
          data-testid="live-filter-team"
          value={props.teamId ?? ""}
          onChange={(event) => props.onTeam(event.currentTarget.value || null)}
        >
          <option value="">{t("liveMap.allTeams")}</option>
          <For each={props.teams}>{(team) => <option value={team.id}>{team.name}</option>}</For>
        </select>
      </label>
      <label>
        <span>{t("liveMap.vehicleType")}</span>
        <select
          data-testid="live-filter-type"
          value={props.vehicleTypeId ?? ""}
          onChange={(event) => props.onVehicleType(event.currentTarget.value || null)}
        >
          <option value="">{t("liveMap.allTypes")}</option>
          <For each={props.vehicleTypes}>{(type) => <option value={type.id}>{type.name}</option>}</For>
        </select>
      </label>
    </fieldset>
  )
}
