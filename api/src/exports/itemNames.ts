import type pg from "pg"
import type { Item } from "./columns/ListColumn.js"

/** What names a document's record, by its entity type: the table and the name's expression over its columns. */
const RECORD_NAMES: Readonly<Record<string, { readonly table: string; readonly name: string }>> = {
  vehicle: { table: "vehicles", name: "concat_ws(' · ', name, plate)" },
  driver: { table: "drivers", name: "full_name" },
  maintenance: { table: "maintenance_tasks", name: "name" },
  contract: { table: "contracts", name: "concat_ws(' ', contractor, number)" },
  penalty: { table: "penalties", name: "reason" },
  expense: { table: "expenses", name: "concat_ws(' ', spent_on::text, vendor)" },
  task: { table: "tasks", name: "title" },
  // As the tickets pages name one: its number in the organisation and its title.
  ticket: { table: "tickets", name: "concat('#', number, ' ', title)" },
}

/**
 * SQL naming the record of a document as `withNames` does (`entityName`), for a statement that
 * reads documents itself: `type` and `id` are the (qualified) columns of its entity type and id;
 * null for a type without a name or a record that is gone.
 */
export const recordNameSql = (type: string, id: string): string =>
  `CASE ${type} ${Object.entries(RECORD_NAMES)
    .map(([kind, r]) => `WHEN '${kind}' THEN (SELECT ${r.name} FROM ${r.table} WHERE ${r.table}.id = ${id})`)
    .join(" ")} END`

/** Catalogue records named by their id field: the name field added, and the query for ids `$1`. */
const CATALOGUE_NAMES: ReadonlyArray<{ readonly id: string; readonly name: string; readonly query: string }> =
  [
    {
      id: "vehicleTypeId",
      name: "vehicleTypeName",
      query: "SELECT id, name FROM vehicle_types WHERE id = ANY($1::uuid[])",
    },
    {
      id: "defaultTeamId",
      name: "defaultTeamName",
      query: "SELECT id, name FROM teams WHERE id = ANY($1::uuid[])",
    },
  ]

/** The fields `withNames` adds to an item that lacks them. */
export const ADDED_NAMES = [
  "vehicleName",
  "vehiclePlate",
  "driverName",
  "entityName",
  ...CATALOGUE_NAMES.map((c) => c.name),
] as const

const idsOf = (items: ReadonlyArray<Item>, key: string, when: (i: Item) => boolean = () => true) => [
  ...new Set(
    items.filter(when).flatMap((i) => {
      const v = i[key]
      return typeof v === "string" ? [v] : []
    }),
  ),
]

/**
 * The items with the display names their list leaves out, read in the caller's organisation (row
 * security): a refuel's or a fuel card's vehicle name and plate (`vehicleName`, `vehiclePlate`), a
 * fuel card's driver (`driverName`), a document's record (`entityName`), a template's vehicle type
 * and team (`vehicleTypeName`, `defaultTeamName`). An item that already carries a name keeps it.
 */
export const withNames = async (
  c: pg.ClientBase,
  items: ReadonlyArray<Item>,
): Promise<ReadonlyArray<Item>> => {
  const needVehicle = (i: Item) => typeof i.vehicleId === "string" && !("vehicleName" in i)
  const vehicleIds = idsOf(items, "vehicleId", needVehicle)
  const vehicles = new Map<string, { name: string; plate: string | null }>()
  if (vehicleIds.length > 0) {
    const found = await c.query<{ id: string; name: string; plate: string | null }>(
      "SELECT id, name, plate FROM vehicles WHERE id = ANY($1::uuid[])",
      [vehicleIds],
    )
    for (const r of found.rows) vehicles.set(r.id, { name: r.name, plate: r.plate })
  }
  const needDriver = (i: Item) => typeof i.driverId === "string" && !("driverName" in i)
  const driverIds = idsOf(items, "driverId", needDriver)
  const drivers = new Map<string, string>()
  if (driverIds.length > 0) {
    const found = await c.query<{ id: string; full_name: string }>(
      "SELECT id, full_name FROM drivers WHERE id = ANY($1::uuid[])",
      [driverIds],
    )
    for (const r of found.rows) drivers.set(r.id, r.full_name)
  }
  const records = new Map<string, string>()
  for (const [type, { table, name }] of Object.entries(RECORD_NAMES)) {
    const ids = idsOf(items, "entityId", (i) => i.entityType === type && !("entityName" in i))
    if (ids.length === 0) continue
    const found = await c.query<{ id: string; name: string }>(
      `SELECT id, ${name} AS name FROM ${table} WHERE id = ANY($1::uuid[])`,
      [ids],
    )
    for (const r of found.rows) records.set(`${type}:${r.id}`, r.name)
  }
  const catalogues = new Map<string, string>()
  for (const { id, name, query } of CATALOGUE_NAMES) {
    const ids = idsOf(items, id, (i) => !(name in i))
    if (ids.length === 0) continue
    const found = await c.query<{ id: string; name: string }>(query, [ids])
    for (const r of found.rows) catalogues.set(`${id}:${r.id}`, r.name)
  }
  return items.map((i) => {
    let named = i
    for (const { id, name } of CATALOGUE_NAMES)
      if (id in i && !(name in i)) {
        const v = i[id]
        named = { ...named, [name]: typeof v === "string" ? (catalogues.get(`${id}:${v}`) ?? null) : null }
      }
    if (needVehicle(i)) {
      const v = vehicles.get(i.vehicleId as string)
      named = { ...named, vehicleName: v?.name ?? null, vehiclePlate: v?.plate ?? null }
    }
    if (needDriver(i)) named = { ...named, driverName: drivers.get(i.driverId as string) ?? null }
    if (typeof i.entityType === "string" && typeof i.entityId === "string" && !("entityName" in i))
      named = { ...named, entityName: records.get(`${i.entityType}:${i.entityId}`) ?? null }
    return named
  })
}
