import type { I18n } from "../i18n/createI18n"
import { ApiError } from "./ApiError"
import { fieldLabel } from "./fieldLabel"

const WORD = /[\p{L}\p{N}_]/u

/** Whether `text` holds `key` as a whole word (a wire key such as "vehicleTypeId"). */
const namesKey = (text: string, key: string): boolean => {
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1))
    if (!WORD.test(text[at - 1] ?? " ") && !WORD.test(text[at + key.length] ?? " ")) return true
  return false
}

/**
 * A message for the user: translated for the errors we know, else the server's own message. A
 * refusal naming an input by its wire key (one the form has no field for, or no form at all) says
 * the input's word instead, with the server's reason.
 */
export const errorMessage = (t: I18n["t"], error: unknown): string => {
  if (!(error instanceof ApiError)) {
    return t("errors.server", { message: error instanceof Error ? error.message : String(error) })
  }
  switch (error.code) {
    case "FLEET_CLIENT_NETWORK":
      return t("errors.network")
    case "FLEET_AUTH_INVALID_CREDENTIALS":
      return t("errors.invalidCredentials")
    case "FLEET_AUTH_TOO_MANY_ATTEMPTS":
    case "FLEET_AUTH_THROTTLED":
      return t("errors.tooManyAttempts")
    case "FLEET_AUTH_TOTP_INVALID":
      return t("errors.totpInvalid")
  }
  if (error.field !== null && error.detail !== null && namesKey(error.message, error.field))
    return t("errors.fieldRefused", { field: fieldLabel(t, error.field), detail: error.detail })
  if (error.status === 400 || error.status === 422)
    return t("errors.invalidInput", { message: error.message })
  return error.message
}
