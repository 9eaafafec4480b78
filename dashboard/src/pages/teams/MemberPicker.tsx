import { Plus } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { VehiclePicker } from "../../ui/form/VehiclePicker"

/**
 * Find an active driver or a vehicle (the list endpoint's own search, however many the
 * organisation has) and add it to the team; drivers of this team are left out of the choices.
 */
export const MemberPicker = (props: {
  readonly kind: "driver" | "vehicle"
  readonly teamId: string
  readonly onAdd: (id: string) => Promise<void>
}) => {
  const { t } = useI18n()
  const [chosen, setChosen] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const add = async () => {
    setBusy(true)
    try {
      await props.onAdd(chosen())
      setChosen("")
    } finally {
      setBusy(false)
    }
  }
  const testId = `team-add-${props.kind}-select`
  return (
    <div class="member-picker" data-testid={`team-add-${props.kind}`}>
      <Show
        when={props.kind === "driver"}
        fallback={
          <VehiclePicker
            variant="filter"
            label={t("drivers.teamFindVehicle")}
            value={chosen()}
            onChange={setChosen}
            testId={testId}
          />
        }
      >
        <DriverPicker
          variant="filter"
          label={t("drivers.teamFindDriver")}
          value={chosen()}
          onChange={setChosen}
          activeOnly
          hide={(driver) => driver.team?.id === props.teamId}
          testId={testId}
        />
      </Show>
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
