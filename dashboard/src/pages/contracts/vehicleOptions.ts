import { endpoints } from "@fleetcore/contract"
import { createListQuery } from "../../api/createListQuery"

/** The organisation's vehicles (the first 200 by name) as select choices: "Name · plate". */
export const createVehicleOptions = () => {
  const vehicles = createListQuery(endpoints.vehicles.list, () => ({
    query: { pageSize: "200", sort: "name" },
  }))
  return () =>
    (vehicles.data?.items ?? []).map((v) => ({
      value: v.id,
      label: v.plate === null ? v.name : `${v.name} · ${v.plate}`,
    }))
}
