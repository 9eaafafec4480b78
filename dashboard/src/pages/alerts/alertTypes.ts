import { ALERT_TYPES, type AlertType, isAlertType } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"

/** The alert types the rules raise (engine and API): the contract's list, in the filter's order. */
export { ALERT_TYPES }
export type KnownAlertType = AlertType

/** An alert type in the user's language; a type this dashboard does not know yet shows as sent. */
export const alertTypeLabel = (t: I18n["t"], type: string): string =>
  isAlertType(type) ? t(`alerts.type_${type}`) : type.replaceAll("_", " ")
