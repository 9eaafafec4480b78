/** What the records benchmark asks, as a manager of the demo fleet would. */
export interface Scenario {
  readonly name: string
  /** The path of the i-th request (rotating over sample ids and search terms). */
  readonly path: (i: number) => string
}

/** Ids and search terms taken from the seeded fleet, so detail and search requests vary. */
export interface Samples {
  readonly vehicleIds: ReadonlyArray<string>
  readonly driverIds: ReadonlyArray<string>
  readonly plates: ReadonlyArray<string>
  readonly driverNames: ReadonlyArray<string>
  readonly teamId: string
  readonly year: number
}

const at = <T>(items: ReadonlyArray<T>, i: number): T => items[i % items.length] as T
const q = (text: string) => encodeURIComponent(text)

/** Every main list, filter, search and detail endpoint of the fleet records. */
export const recordsScenarios = (s: Samples): ReadonlyArray<Scenario> => [
  { name: "vehicles: list", path: () => "/api/v1/vehicles" },
  { name: "vehicles: page 6", path: () => "/api/v1/vehicles?page=6" },
  { name: "vehicles: status filter", path: () => "/api/v1/vehicles?status=in_maintenance" },
  { name: "vehicles: team + fuel filter", path: () => `/api/v1/vehicles?teamId=${s.teamId}&fuelType=diesel` },
  { name: "vehicles: search plate", path: (i) => `/api/v1/vehicles?q=${q(at(s.plates, i).slice(0, 7))}` },
  {
    name: "vehicles: search brand",
    path: (i) => `/api/v1/vehicles?q=${at(["toyota", "kamaz", "cobalt", "lada"], i)}`,
  },
  { name: "vehicles: sort by year", path: () => "/api/v1/vehicles?sort=-year" },
  { name: "vehicles: rentals", path: () => "/api/v1/vehicles?rental=true" },
  { name: "vehicle: detail", path: (i) => `/api/v1/vehicles/${at(s.vehicleIds, i)}` },
  { name: "vehicle: assignments", path: (i) => `/api/v1/vehicles/${at(s.vehicleIds, i)}/assignments` },
  { name: "vehicle: ownership", path: (i) => `/api/v1/vehicles/${at(s.vehicleIds, i)}/ownership-records` },
  {
    name: "vehicle: odometer readings",
    path: (i) => `/api/v1/vehicles/${at(s.vehicleIds, i)}/odometer-readings`,
  },
  { name: "vehicle: expenses", path: (i) => `/api/v1/expenses?vehicleId=${at(s.vehicleIds, i)}` },
  {
    name: "vehicle: documents",
    path: (i) => `/api/v1/documents?entityType=vehicle&entityId=${at(s.vehicleIds, i)}`,
  },
  { name: "rental summary", path: () => "/api/v1/vehicle-rentals/summary" },
  { name: "vehicle types", path: () => "/api/v1/vehicle-types" },
  { name: "teams", path: () => "/api/v1/teams" },
  { name: "drivers: list", path: () => "/api/v1/drivers" },
  { name: "drivers: search name", path: (i) => `/api/v1/drivers?q=${q(at(s.driverNames, i))}` },
  { name: "drivers: licence expiring", path: () => "/api/v1/drivers?licenceExpiringWithinDays=30" },
  { name: "drivers: sort by licence", path: () => "/api/v1/drivers?sort=licenceExpiresOn&status=active" },
  { name: "driver: detail", path: (i) => `/api/v1/drivers/${at(s.driverIds, i)}` },
  { name: "expenses: list", path: () => "/api/v1/expenses" },
  { name: "expenses: category", path: () => "/api/v1/expenses?category=fuel" },
  {
    name: "expenses: period",
    path: (i) =>
      `/api/v1/expenses?from=${s.year}-${String(1 + (i % 11)).padStart(2, "0")}-01&to=${s.year}-${String(1 + (i % 11)).padStart(2, "0")}-28`,
  },
  {
    name: "expenses: search vendor",
    path: (i) => `/api/v1/expenses?q=${at(["helios", "sinooil", "wash", "toyota"], i)}`,
  },
  { name: "expenses: sort by amount", path: () => "/api/v1/expenses?sort=-orgAmount&currency=KZT" },
  { name: "expenses: driver", path: (i) => `/api/v1/expenses?driverId=${at(s.driverIds, i)}` },
  { name: "fuel entries", path: () => "/api/v1/fuel-entries" },
  {
    name: "budgets vs actual",
    path: () => `/api/v1/budgets/vs-actual?from=${s.year}-01-01&to=${s.year}-12-31`,
  },
  { name: "budgets", path: () => "/api/v1/budgets" },
  { name: "currency rates", path: () => "/api/v1/currency-rates" },
  { name: "contracts: list", path: () => "/api/v1/contracts" },
  { name: "contracts: expiring", path: () => "/api/v1/contracts?expiringWithinDays=30" },
  {
    name: "contracts: type + search",
    path: (i) => `/api/v1/contracts?type=insurance_osago&q=${at(["eurasia", "nomad", "OS-"], i)}`,
  },
  { name: "contracts: summary", path: () => "/api/v1/contracts/summary" },
  { name: "penalties: list", path: () => "/api/v1/penalties" },
  { name: "penalties: status", path: () => "/api/v1/penalties?status=open" },
  { name: "penalties: search", path: (i) => `/api/v1/penalties?q=${at(["speeding", "parking", "KoAP"], i)}` },
  { name: "documents: list", path: () => "/api/v1/documents" },
  { name: "documents: expiring", path: () => "/api/v1/documents?expiringWithinDays=30" },
  { name: "maintenance tasks", path: () => "/api/v1/maintenance/tasks" },
  // The day's pages of issue 9: home, the alerts inbox, notifications, the live map's snapshot.
  { name: "home", path: () => "/api/v1/home" },
  { name: "alerts: open", path: () => "/api/v1/alerts?status=open" },
  { name: "alerts: vehicle", path: (i) => `/api/v1/alerts?vehicleId=${at(s.vehicleIds, i)}` },
  { name: "notifications", path: () => "/api/v1/notifications" },
  { name: "notifications: unread count", path: () => "/api/v1/notifications/unread-count" },
  { name: "live map snapshot", path: () => "/api/v1/live/map" },
]
