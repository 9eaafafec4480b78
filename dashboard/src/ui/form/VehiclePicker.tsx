import { endpoints } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { type PickerProps, RecordPicker } from "./RecordPicker"
import { type RecordChoice, type RecordSource, searchQuery } from "./recordSource"

/** A vehicle as people tell it apart: "Name · plate". */
export const vehicleChoice = (vehicle: {
  readonly id: string
  readonly name: string
  readonly plate: string | null
}): RecordChoice => ({
  id: vehicle.id,
  label: vehicle.plate === null ? vehicle.name : `${vehicle.name} · ${vehicle.plate}`,
})

/** `q` searches the name, plate, VIN, brand and model; results by name. */
export const vehicleSource: RecordSource<typeof endpoints.vehicles.list, typeof endpoints.vehicles.get> = {
  list: endpoints.vehicles.list,
  get: endpoints.vehicles.get,
  query: (q) => ({ ...searchQuery(q), sort: "name" }),
  choiceOfItem: vehicleChoice,
  choiceOfRecord: vehicleChoice,
}

/** Choose one of the organisation's vehicles, however many it has, by name or plate. */
export const VehiclePicker = (props: PickerProps) => {
  const { t } = useI18n()
  return (
    <RecordPicker
      {...props}
      source={vehicleSource}
      placeholder={t("picker.searchVehicle")}
      noMatch={t("picker.noVehicle")}
    />
  )
}
