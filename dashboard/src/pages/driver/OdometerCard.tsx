import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Gauge } from "lucide-solid"
import { createSignal } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { numberOf } from "../../ui/form/numberText"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import { type OdometerValues, odometerForm, POSITIVE } from "./driverForms"
import { OdometerSuggestions } from "./OdometerSuggestions"
import { PhotoField } from "./PhotoField"

/**
 * Log an odometer reading: the existing readings endpoint, then the photo of the dashboard stored
 * with the vehicle's documents (kind other; readings have no documents of their own). The photo,
 * once chosen, is read by OCR for readings to tap instead of typing.
 */
export const OdometerCard = (props: { readonly vehicleId: string }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [photo, setPhoto] = createSignal<File | null>(null)
  const form = createSchemaForm({
    schema: odometerForm(locale()),
    defaultValues: { valueKm: "" } as OdometerValues,
    onSubmit: async (v) => {
      await api.call(endpoints.odometer.create, {
        params: { id: props.vehicleId },
        body: { valueKm: numberOf(v.valueKm, locale(), POSITIVE), at: new Date().toISOString() },
      })
      const chosen = photo()
      let photoError: string | null = null
      if (chosen !== null) {
        try {
          await uploadDocument(
            chosen,
            { entityType: "vehicle", entityId: props.vehicleId, kind: "other", expiresOn: "" },
            { onProgress: () => undefined, refresh: api.refresh },
          )
        } catch (error) {
          photoError = error instanceof Error ? error.message : String(error)
        }
      }
      if (photoError === null) showToast("success", t("overview.driver.readingSaved"))
      else showToast("error", t("overview.driver.photoFailed", { message: photoError }))
      form.form.reset()
      setPhoto(null)
      await queryClient.invalidateQueries({ queryKey: [endpoints.home.summary.id] })
    },
  })
  return (
    <section class="panel driver-card" data-testid="driver-odometer">
      <h2 class="driver-card__title">
        <Gauge size={18} aria-hidden="true" />
        {t("overview.driver.reading")}
      </h2>
      <form class="form" onSubmit={form.handleSubmit} novalidate>
        <form.form.Field name="valueKm">
          {(f) => (
            <TextField
              field={f}
              label={t("overview.driver.value")}
              inputmode="decimal"
              autocomplete="off"
              invalid={t("overview.driver.invalidNumber")}
              data-testid="reading-valueKm"
              {...form.serverProps("valueKm")}
            />
          )}
        </form.form.Field>
        <PhotoField
          label={t("overview.driver.photo")}
          choose={t("overview.driver.choosePhoto")}
          name="odometer-photo"
          file={photo()}
          onChange={setPhoto}
        />
        <OdometerSuggestions
          photo={photo()}
          onPick={(text) => {
            form.form.setFieldValue("valueKm", text)
            form.clearServerError("valueKm")
          }}
        />
        <FormError error={form.formError()} />
        <SubmitButton
          submitting={form.submitting()}
          label={t("overview.driver.save")}
          submittingLabel={t("fleet.saving")}
          testId="reading-submit"
        />
      </form>
    </section>
  )
}
