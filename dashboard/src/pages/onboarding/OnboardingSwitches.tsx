import "./onboarding.css"
import { endpoints } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "../../ui/form/FormError"
import { showToast } from "../../ui/toast"

/** The organisation settings' two onboarding switches: new vehicles and new drivers start in review. */
export const OnboardingSwitches = () => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [error, setError] = createSignal<unknown>(undefined)
  const [busy, setBusy] = createSignal(false)
  const query = useQuery(() => ({
    queryKey: [endpoints.onboarding.settings.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.onboarding.settings, {}, signal),
  }))
  const change = async (key: "vehicles" | "drivers", on: boolean) => {
    const now = query.data
    if (now === undefined) return
    setBusy(true)
    setError(undefined)
    try {
      const next = await api.call(endpoints.onboarding.updateSettings, { body: { ...now, [key]: on } })
      queryClient.setQueryData([endpoints.onboarding.settings.id], next)
      showToast("success", t("onboarding.settingsSaved"))
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="panel onboarding__switches" data-testid="onboarding-settings">
      <h2>{t("onboarding.settingsTitle")}</h2>
      <p class="muted">{t("onboarding.settingsText")}</p>
      <Show when={query.data}>
        {(s) => (
          <>
            <label class="checkbox-field">
              <input
                type="checkbox"
                checked={s().vehicles}
                disabled={busy()}
                onChange={(e) => void change("vehicles", e.currentTarget.checked)}
                data-testid="onboarding-setting-vehicles"
              />
              {t("onboarding.settingVehicles")}
            </label>
            <label class="checkbox-field">
              <input
                type="checkbox"
                checked={s().drivers}
                disabled={busy()}
                onChange={(e) => void change("drivers", e.currentTarget.checked)}
                data-testid="onboarding-setting-drivers"
              />
              {t("onboarding.settingDrivers")}
            </label>
          </>
        )}
      </Show>
      <FormError error={error()} testId="onboarding-settings-error" />
    </section>
  )
}
