import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { Uuid } from "../schemas.js"

export const IMPORT_KINDS = ["vehicles", "drivers", "odometer-readings"] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** How a cell is read before the create endpoint's schema checks it. */
export type CellKind = "text" | "number" | "int" | "boolean" | "list"

/**
 * The columns of each kind's CSV: the header names are the create endpoint's field names (any case,
 * any order; a column may be left out). `text` is taken as it is, `number` accepts a decimal comma,
 * `boolean` true/false/yes/no/1/0 (and да/нет, иә/жоқ, evet/hayır), `list` values separated by spaces
 * or `|`. An empty cell leaves the field out. The first column names the record a row matches.
 */
export const IMPORT_COLUMNS: Readonly<Record<ImportKind, ReadonlyArray<readonly [string, CellKind]>>> = {
  vehicles: [
    ["plate", "text"],
    ["name", "text"],
    ["vin", "text"],
    ["brand", "text"],
    ["model", "text"],
    ["year", "int"],
    ["colour", "text"],
    ["bodyType", "text"],
    ["fuelType", "text"],
    ["engineVolumeL", "number"],
    ["transmission", "text"],
    ["seats", "int"],
    ["purchaseDate", "text"],
    ["purchasePrice", "text"],
    ["purchaseCurrency", "text"],
    ["department", "text"],
    ["notes", "text"],
    ["status", "text"],
    ["rental", "boolean"],
    ["rentalStartsOn", "text"],
    ["rentalEndsOn", "text"],
    ["rentalMonthlyCost", "text"],
    ["rentalCurrency", "text"],
    ["lessor", "text"],
  ],
  drivers: [
    ["employeeId", "text"],
    ["fullName", "text"],
    ["phone", "text"],
    ["email", "text"],
    ["licenceNumber", "text"],
    ["licenceCategories", "list"],
    ["licenceExpiresOn", "text"],
    ["medicalExpiresOn", "text"],
    ["hiredOn", "text"],
    ["department", "text"],
    ["status", "text"],
    ["notes", "text"],
  ],
  "odometer-readings": [
    ["plate", "text"],
    ["valueKm", "number"],
    ["at", "text"],
    ["note", "text"],
  ],
}

/** A sample row per kind, for the template (matches IMPORT_COLUMNS by position). */
export const IMPORT_SAMPLES: Readonly<Record<ImportKind, ReadonlyArray<string>>> = {
  vehicles: [
    "123 ABC 02",
    "Toyota Camry 123 ABC 02",
    "",
    "Toyota",
    "Camry",
    "2021",
    "white",
    "sedan",
    "gasoline",
    "2.5",
    "automatic",
    "5",
    "2021-03-15",
    "14500000.00",
    "KZT",
    "Almaty",
    "",
    "active",
    "false",
    "",
    "",
    "",
    "",
    "",
  ],
  drivers: [
    "E-0001",
    "Aigerim Nurlanovna",
    "+77011234567",
    "aigerim@example.kz",
    "KZ 1234567",
    "B C",
    "2030-05-01",
    "2027-01-15",
    "2022-02-01",
    "Almaty",
    "active",
    "",
  ],
  "odometer-readings": ["123 ABC 02", "45210", "2026-11-30T08:00:00Z", "morning check"],
}

/** The largest CSV accepted, in bytes, and the most data rows (the header aside). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
export const MAX_IMPORT_ROWS = 10_000

/** One data row of an import: its line (the header is line 1) and what happened to it. */
export const ImportRowReport = Schema.Struct({
  row: Schema.Int,
  status: Schema.Literals(["created", "updated", "refused"]),
  /** The record created or updated (in a dry run: null, nothing is stored). */
  id: Schema.NullOr(Uuid),
  field: Schema.NullOr(Schema.String),
  code: Schema.NullOr(Schema.String),
  /** Why the row was refused, in the caller's language. */
  message: Schema.NullOr(Schema.String),
}).annotate({ identifier: "ImportRowReport" })

export const ImportReport = Schema.Struct({
  kind: Schema.Literals(IMPORT_KINDS),
  dryRun: Schema.Boolean,
  created: Schema.Int,
  updated: Schema.Int,
  refused: Schema.Int,
  rows: Schema.Array(ImportRowReport),
}).annotate({ identifier: "ImportReport" })

const errors = [
  {
    status: 400,
    code: "FLEET_IMPORT_CSV_INVALID",
    description: "not UTF-8 text, or a header that names no column",
  },
  { status: 413, code: "FLEET_BODY_TOO_LARGE", description: "more than 5 MB" },
  { status: 413, code: "FLEET_IMPORT_TOO_MANY_ROWS", description: "more than 10,000 rows" },
  { status: 415, code: "FLEET_IMPORT_MEDIA_TYPE", description: "the body is not text/csv" },
]

const Query = Schema.Struct({
  /** "true": check every row (in a transaction that is rolled back) and store nothing. */
  dryRun: Schema.optionalKey(Schema.Literals(["true", "false"])),
})

const DESCRIPTION =
  "The body is the CSV file itself (`Content-Type: text/csv`, UTF-8 with or without BOM, `,` or `;` " +
  "separated, a header row naming the columns of the template). Each row is decoded with the create " +
  "endpoint's own schema (a row that updates a record: the update endpoint's; its `status` column is used only when the row creates one). With `dryRun=true` every row is checked and nothing is stored; otherwise the " +
  "valid rows are stored and the invalid ones reported, in one transaction. One audit entry per import."

const importOf = (
  kind: ImportKind,
  access: "vehicles.manage" | "drivers.manage" | "odometer.record",
  what: string,
) =>
  endpoint({
    id: `imports.${kind === "odometer-readings" ? "odometerReadings" : kind}`,
    method: "post",
    path: `/api/v1/imports/${kind}`,
    tag: "imports",
    summary: `Import ${what} from a CSV file, answered row by row`,
    description: DESCRIPTION,
    access,
    query: Query,
    textBody: "text/csv",
    bodyLimit: MAX_IMPORT_BYTES,
    response: ImportReport,
    errors,
  })

const templateOf = (kind: ImportKind, access: "vehicles.manage" | "drivers.manage" | "odometer.record") =>
  endpoint({
    id: `imports.${kind === "odometer-readings" ? "odometerReadings" : kind}Template`,
    method: "get",
    path: `/api/v1/imports/${kind}/template`,
    tag: "imports",
    summary: `The CSV template of a ${kind} import: the header and one sample row`,
    access,
    contentType: "text/csv",
  })

/** CSV imports of vehicles (matched by plate), drivers (by employee id) and readings (by plate). */
export const imports = {
  vehicles: importOf(
    "vehicles",
    "vehicles.manage",
    "vehicles (a plate of the organisation updates that vehicle, else one is created)",
  ),
  vehiclesTemplate: templateOf("vehicles", "vehicles.manage"),
  drivers: importOf(
    "drivers",
    "drivers.manage",
    "drivers (an employee id of the organisation updates that driver, else one is created)",
  ),
  driversTemplate: templateOf("drivers", "drivers.manage"),
  odometerReadings: importOf(
    "odometer-readings",
    "odometer.record",
    "odometer readings (the vehicle named by its plate; checked like a single reading)",
  ),
  odometerReadingsTemplate: templateOf("odometer-readings", "odometer.record"),
} as const
