import { endpoints } from "@fleetcore/contract"
import { Plus } from "lucide-solid"
import { createSignal, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"

/**
 * Find a driver or a vehicle by name (the list endpoint's own search, 20 at a time) and add it to
 * the team; members of this team are left out of the choices.
 */
export const MemberPicker = (props: {
  readonly kind: "driver" | "vehicle"
  readonly teamId: string
  readonly onAdd: (id: string) => Promise<void>
}) => {
  const { t } = useI18n()
  const [q, setQ] = createSignal("")
  const [chosen, setChosen] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const query = () => ({ pageSize: "20", ...(q().trim() === "" ? {} : { q: q().trim() }) })
  const drivers = createListQuery(endpoints.drivers.list, () => ({
    query: { ...query(), status: "active" as const },
    enabled: props.kind === "driver",
  }))
  const vehicles = createListQuery(endpoints.vehicles.list, () => ({
    query: query(),
    enabled: props.kind === "vehicle",
  }))
  const choices = () =>
    props.kind === "driver"
      ? (drivers.data?.items ?? [])
          .filter((d) => d.team?.id !== props.teamId)
          .map((d) => ({
            id: d.id,
            label: d.employeeId === null ? d.fullName : `${d.fullName} (${d.employeeId})`,
          }))
      : (vehicles.data?.items ?? []).map((v) => ({
          id: v.id,
          label: v.plate === null ? v.name : `${v.plate} — ${v.name}`,
        }))
  const add = async () => {
    setBusy(true)
    try {
      await props.onAdd(chosen())
      setChosen("")
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="member-picker" data-testid={`team-add-${props.kind}`}>
      <input
        class="input"
        type="search"
        placeholder={props.kind === "driver" ? t("drivers.teamFindDriver") : t("drivers.teamFindVehicle")}
        aria-label={props.kind === "driver" ? t("drivers.teamFindDriver") : t("drivers.teamFindVehicle")}
        value={q()}
        onInput={(event) => setQ(event.currentTarget.value)}
        data-testid={`team-add-${props.kind}-search`}
      />
      <select
        class="select"
        aria-label={t("drivers.teamChoose")}
        value={chosen()}
        onChange={(event) => setChosen(event.currentTarget.value)}
        data-testid={`team-add-${props.kind}-select`}
      >
        <option value="">{t("drivers.teamChoose")}</option>
        <For each={choices()}>{(c) => <option value={c.id}>{c.label}</option>}</For>
      </select>
      <button
        type="button"
        class="button"
        disabled={chosen() === "" || busy()}
        onClick={() => void add()}
        data-testid={`team-add-${props.kind}-submit`}
      >
        <Plus size={16} aria-hidden="true" />
        <span>{t("drivers.teamAdd")}</span>
      </button>
    </div>
  )
}
