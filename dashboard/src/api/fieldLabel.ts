import type { I18n } from "../i18n/createI18n"

/** The wire keys a refusal may name outside the form that sent it, each with its word (`errors.fields`). */
const LABELLED = [
  "vehicleId",
  "vehicleIds",
  "vehicleTypeId",
  "driverId",
  "driverIds",
  "teamId",
  "defaultTeamId",
  "templateId",
  "assigneeId",
  "assigneeUserId",
  "userId",
  "userIds",
  "geofenceId",
  "contractId",
  "fuelCardId",
  "documentId",
  "maintenanceTaskId",
  "currency",
  "timezone",
  "startsAt",
  "endsAt",
] as const
type Labelled = (typeof LABELLED)[number]

const isLabelled = (key: string): key is Labelled => (LABELLED as ReadonlyArray<string>).includes(key)

/**
 * A person's word for the input an API error names by its wire key ("settings.currency",
 * "userIds[2]", "vehicleTypeId"): its last name without an index, when known; else "one of the
 * values", never the key itself.
 */
export const fieldLabel = (t: I18n["t"], wireKey: string): string => {
  const last =
    wireKey
      .split(".")
      .at(-1)
      ?.replace(/\[\d+\]$/u, "") ?? wireKey
  return isLabelled(last) ? t(`errors.fields.${last}`) : t("errors.fields.other")
}
