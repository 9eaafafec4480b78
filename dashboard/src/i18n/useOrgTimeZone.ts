import { useSession } from "../auth/SessionContext"
import { useI18n } from "./I18nContext"

/**
 * The organisation's time zone (the UI's zone until the session is known): the zone of the
 * organisation's days, on which the engine counts daily mileage and the reports count their periods.
 */
export const useOrgTimeZone = (): (() => string) => {
  const session = useSession()
  const { zone } = useI18n()
  return () => session.user()?.orgTimeZone ?? zone()
}
