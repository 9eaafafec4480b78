import { ALERT_TYPES, type AlertType, isAlertType } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import type { AlertView } from "./alertQueries"

/** The alert types the rules raise (engine and API): the contract's list, in the filter's order. */
export { ALERT_TYPES }
export type KnownAlertType = AlertType

/** An alert type in the user's language; a type this dashboard does not know yet shows as sent. */
export const alertTypeLabel = (t: I18n["t"], type: string): string =>
  isAlertType(type) ? t(`alerts.type_${type}`) : type.replaceAll("_", " ")

/**
 * An alert's title: its type, the code of a fault or a tracker's alarm, and the record it is about
 * besides the vehicle when there is one ("Geofence entered · Depot").
 */
export const alertTitle = (t: I18n["t"], a: Pick<AlertView, "type" | "key" | "subjectName">): string =>
  `${alertTypeLabel(t, a.type)}${a.type === "dtc" || a.type === "device_alarm" ? ` ${a.key}` : ""}${
    a.subjectName === null ? "" : ` · ${a.subjectName}`
  }`
