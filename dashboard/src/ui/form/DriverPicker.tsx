import { type Driver, endpoints } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { type PickerProps, RecordPicker } from "./RecordPicker"
import { type RecordChoice, type RecordSource, searchQuery } from "./recordSource"

type DriverItem = (typeof Driver)["Encoded"]

/** A driver as people tell them apart: "Full name · employee id". */
export const driverChoice = (driver: {
  readonly id: string
  readonly fullName: string
  readonly employeeId: string | null
}): RecordChoice => ({
  id: driver.id,
  label: driver.employeeId === null ? driver.fullName : `${driver.fullName} · ${driver.employeeId}`,
})

/** `q` searches the name, employee id, licence number and phone; results by name. */
const driverSource = (
  activeOnly: boolean,
): RecordSource<typeof endpoints.drivers.list, typeof endpoints.drivers.get> => ({
  list: endpoints.drivers.list,
  get: endpoints.drivers.get,
  query: (q) => ({
    ...searchQuery(q),
    sort: "fullName",
    ...(activeOnly ? { status: "active" as const } : {}),
  }),
  choiceOfItem: driverChoice,
  choiceOfRecord: driverChoice,
})

/** Choose one of the organisation's drivers, however many it has, by name or employee id. */
export const DriverPicker = (
  props: PickerProps & {
    /** Only drivers who may take a vehicle now (not on leave, not dismissed). */
    readonly activeOnly?: boolean
    readonly hide?: (driver: DriverItem) => boolean
  },
) => {
  const { t } = useI18n()
  return (
    <RecordPicker
      {...props}
      source={driverSource(props.activeOnly ?? false)}
      placeholder={t("picker.searchDriver")}
      noMatch={t("picker.noDriver")}
    />
  )
}
