import { ORGANISATION_DEFAULTS, OrganisationSettings } from "@fleetcore/contract"
import { Option, Schema } from "effect"

type Settings = typeof OrganisationSettings.Type

const KEYS = Object.keys(ORGANISATION_DEFAULTS) as ReadonlyArray<keyof Settings>

/**
 * The organisation's settings as the API shows them, from the stored `organisations.settings`
 * jsonb (which also holds the rule thresholds of `/api/v1/settings`): each key's stored value when it
 * is valid, else its default.
 */
export const settingsView = (stored: Readonly<Record<string, unknown>>): Settings => {
  const pick = <K extends keyof Settings>(key: K): Settings[K] =>
    Option.getOrElse(
      Schema.decodeUnknownOption(OrganisationSettings.fields[key])(stored[key]),
      () => ORGANISATION_DEFAULTS[key],
    ) as Settings[K]
  return Object.fromEntries(KEYS.map((k) => [k, pick(k)])) as Settings
}
