/** What the demo fleet is made of besides its models (demoModels.ts) and people (demoPeople.ts): teams, places, vendors. */

export const TEAMS = [
  "Almaty city",
  "Long haul",
  "Astana delivery",
  "Shymkent branch",
  "Karaganda mining",
  "Aktobe logistics",
  "Executive cars",
  "Service vans",
] as const

export const DEPARTMENTS = [
  "Logistics",
  "Sales",
  "Field service",
  "Administration",
  "Construction",
  "Distribution",
] as const

export const COLOURS = ["white", "black", "silver", "grey", "blue", "red", "beige", "green"] as const

export const FUEL_STATIONS = [
  "Helios",
  "Sinooil",
  "Gazprom Neft",
  "KazMunayGas",
  "Qazaq Oil",
  "Royal Petrol",
] as const
export const SERVICE_VENDORS = [
  "Toyota Center Almaty",
  "Hyundai Service Astana",
  "Kamaz Service Karaganda",
  "AutoDoc KZ",
  "Shina Plus",
  "Master Service",
] as const
export const INSURERS = [
  "Eurasia Insurance",
  "Nomad Insurance",
  "Halyk Insurance",
  "Freedom Insurance",
  "Kommesk-Omir",
] as const
export const LESSORS = ["Halyk Leasing", "BRK-Leasing", "Kazakhstan Leasing", "Avtoprokat Almaty"] as const

export const PENALTY_REASONS = [
  { reason: "Speeding 20–40 km/h over the limit", article: "KoAP 592 part 3", kzt: 14_765 },
  { reason: "Speeding 10–20 km/h over the limit", article: "KoAP 592 part 2", kzt: 7_384 },
  { reason: "Parking in a prohibited place", article: "KoAP 597 part 1", kzt: 7_384 },
  { reason: "Running a red light", article: "KoAP 599 part 1", kzt: 14_765 },
  { reason: "Seat belt not fastened", article: "KoAP 593 part 1", kzt: 7_384 },
  { reason: "Overloaded axle on a national road", article: "KoAP 574 part 1", kzt: 73_840 },
] as const
