import { endpoints, type FuelSensorEvent } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { durationText } from "../../replay/stopColumns"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { createVehicleNames } from "../../vehicles/createVehicleNames"
import { PeriodFilter } from "./PeriodFilter"

type EventView = (typeof FuelSensorEvent)["Encoded"]

/** Fills and thefts the fuel-level sensor saw: start and end, duration, vehicle, litres, level before and after, place. */
export const SensorEventsTab = () => {
  const { t, format } = useI18n()
  const url = createTableUrlState({ filters: ["vehicleId", "kind", "from", "to"], sorts: ["time", "litres"] })
  const result = createListQuery(endpoints.fuel.events, () => ({ query: listQueryOf(url.state()) }))
  const vehicleName = createVehicleNames(() => (result.data?.items ?? []).map((row) => row.vehicleId))
  const columns = createMemo((): ReadonlyArray<ColumnDef<EventView, unknown>> => {
    const f = format()
    return [
      {
        id: "time",
        header: t("fuelPage.time"),
        cell: (c) => (
          <span class="fuel-event-span" data-testid="fuel-event-span">
            <time datetime={c.row.original.startTime}>
              {f.dateTime(Date.parse(c.row.original.startTime))}
            </time>
            <time class="muted" datetime={c.row.original.endTime}>
              {t("fuelPage.until", { time: f.dateTime(Date.parse(c.row.original.endTime)) })}
            </time>
          </span>
        ),
        meta: { sortKey: "time", width: "13rem", hideable: false },
      },
      {
        id: "duration",
        header: t("fuelPage.duration"),
        cell: (c) => (
          <span data-testid="fuel-event-duration">
            {durationText(
              { t, format },
              (Date.parse(c.row.original.endTime) - Date.parse(c.row.original.startTime)) / 1000,
            )}
          </span>
        ),
        meta: { width: "8rem", align: "end" },
      },
      {
        id: "vehicle",
        header: t("fuelPage.vehicle"),
        cell: (c) => <span class="truncate">{vehicleName(c.row.original.vehicleId)}</span>,
      },
      {
        id: "kind",
        header: t("fuelPage.kind"),
        cell: (c) => (
          <span
            class={`badge ${c.row.original.kind === "theft" ? "badge--danger" : "badge--success"}`}
            data-testid="fuel-event-kind"
          >
            {t(`fuelPage.kind_${c.row.original.kind}`)}
          </span>
        ),
        meta: { width: "8rem" },
      },
      {
        id: "litres",
        header: t("fuelPage.litres"),
        cell: (c) => t("fuelPage.litresValue", { litres: f.decimal(c.row.original.litres, 1) }),
        meta: { sortKey: "litres", width: "8rem", align: "end" },
      },
      {
        id: "level",
        header: t("fuelPage.level"),
        cell: (c) =>
          t("fuelPage.levelValue", {
            from: f.decimal(c.row.original.fromL, 1),
            to: f.decimal(c.row.original.toL, 1),
          }),
        meta: { width: "10rem", align: "end" },
      },
      {
        id: "place",
        header: t("fuelPage.place"),
        cell: (c) => <span class="muted">{f.position(c.row.original.lat, c.row.original.lon)}</span>,
        meta: { width: "14rem" },
      },
    ]
  })
  return (
    <DataTable
      id="fuel-events"
      label={t("fuelPage.tabSensor")}
      columns={columns()}
      result={listResultOf(result)}
      url={url}
      export={{ path: endpoints.listExports.fuelEvents.path, query: () => listQueryOf(url.state()) }}
      searchable={false}
      rowId={(row) => `${row.vehicleId}:${row.time}:${row.kind}`}
      empty={{ title: t("fuelPage.eventsEmpty"), description: t("fuelPage.eventsEmptyText") }}
      filters={
        <>
          <VehiclePicker
            variant="filter"
            label={t("fuelPage.vehicle")}
            testId={"fuel-events-filter-vehicle"}
            value={url.state().filters.vehicleId ?? ""}
            empty={t("fuelPage.allVehicles")}
            onChange={(value) => url.setFilter("vehicleId", value)}
          />
          <FilterSelect
            label={t("fuelPage.kind")}
            testId="fuel-events-filter-kind"
            value={url.state().filters.kind ?? ""}
            all={t("fuelPage.allKinds")}
            onChange={(value) => url.setFilter("kind", value)}
          >
            <option value="fill">{t("fuelPage.kind_fill")}</option>
            <option value="theft">{t("fuelPage.kind_theft")}</option>
          </FilterSelect>
          <PeriodFilter url={url} testId="fuel-events" />
        </>
      }
    />
  )
}
