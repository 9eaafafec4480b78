import type { I18n } from "../i18n/createI18n"
import { ApiError } from "./ApiError"

/** A message for the user: translated for the errors we know, else the server's own message. */
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
  if (error.status === 400 || error.status === 422)
    return t("errors.invalidInput", { message: error.message })
  return error.message
}
