import { endpoints, TimeZone } from "@fleetcore/contract"
import { Schema } from "effect"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { zoneLabel } from "../../i18n/timeZone"
import { useOrgTimeZone } from "../../i18n/useOrgTimeZone"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { TimeZoneField } from "../../ui/form/TimeZoneField"
import { showToast } from "../../ui/toast"

const ZoneForm = Schema.Struct({ timeZone: TimeZone })

/**
 * The user's own time zone (a manager who travels): every date and time of the dashboard is shown
 * in it, and quiet hours follow it; without one, the organisation's.
 */
export const TimeZoneSection = () => {
  const { t, zone, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const own = () => session.user()?.timeZone ?? null
  const orgZone = useOrgTimeZone()
  const [clearing, setClearing] = createSignal(false)
  const form = createSchemaForm({
    schema: ZoneForm,
    defaultValues: { timeZone: own() ?? orgZone() },
    onSubmit: async (values) => {
      session.setUser(await api.call(endpoints.me.update, { body: { timeZone: values.timeZone } }))
      showToast("success", t("profile.timeZoneSaved"))
    },
  })
  const useOrganisation = async () => {
    setClearing(true)
    try {
      session.setUser(await api.call(endpoints.me.update, { body: { timeZone: null } }))
      form.form.setFieldValue("timeZone", orgZone())
      showToast("success", t("profile.timeZoneSaved"))
    } catch (error) {
      showToast("error", t("profile.saveFailed"), errorMessage(t, error))
    } finally {
      setClearing(false)
    }
  }
  return (
    <section class="panel" data-testid="profile-time-zone">
      <div class="panel__header">
        <h2>{t("profile.timeZone")}</h2>
        <p class="muted">{t("profile.timeZoneText")}</p>
      </div>
      <form class="form" onSubmit={form.handleSubmit} novalidate>
        <form.form.Field name="timeZone">
          {(field) => (
            <TimeZoneField
              field={field}
              label={t("profile.timeZone")}
              placeholder={t("profile.timeZoneSearch")}
              testId="profile-timezone"
              hint={t("profile.timesIn", { zone: zoneLabel(zone(), locale(), Date.now()) })}
              {...form.serverProps("timeZone")}
            />
          )}
        </form.form.Field>
        <Show when={own() === null}>
          <p class="muted" data-testid="profile-timezone-org">
            {t("profile.timeZoneOrganisation", { zone: orgZone() })}
          </p>
        </Show>
        <SaveActions
          form={form}
          testId="profile-timezone-save"
          cancel={
            <Show when={own() !== null}>
              <button
                type="button"
                class="button"
                data-testid="profile-timezone-clear"
                disabled={clearing()}
                onClick={() => void useOrganisation()}
              >
                {t("profile.useOrganisationZone", { zone: orgZone() })}
              </button>
            </Show>
          }
        />
      </form>
    </section>
  )
}
