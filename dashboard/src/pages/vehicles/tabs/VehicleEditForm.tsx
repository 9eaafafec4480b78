import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../../api/ApiContext"
import { useI18n } from "../../../i18n/I18nContext"
import { createSchemaForm } from "../../../ui/form/createSchemaForm"
import { FormError } from "../../../ui/form/FormError"
import { SubmitButton } from "../../../ui/form/SubmitButton"
import { showToast } from "../../../ui/toast"
import { VehicleFields } from "../VehicleFields"
import { vehicleBody, vehicleForm, vehicleValues } from "../vehicleForm"
import { invalidateVehicles, type VehicleView } from "../vehicleQueries"

/** Editing every field of the record (the status changes beside it, with its date). */
export const VehicleEditForm = (props: { readonly vehicle: VehicleView; readonly onDone: () => void }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: vehicleForm(locale()),
    defaultValues: vehicleValues(props.vehicle, locale()),
    onSubmit: async (values) => {
      await api.call(endpoints.vehicles.update, {
        params: { id: props.vehicle.id },
        body: vehicleBody(values, locale()),
      })
      await invalidateVehicles(queryClient)
      showToast("success", t("fleet.saved"))
      props.onDone()
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="vehicle-edit-form" novalidate>
      <VehicleFields form={form} withStatus={false} />
      <FormError error={form.formError()} />
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onDone()}>
          {t("fleet.cancel")}
        </button>
        <SubmitButton
          submitting={form.submitting()}
          label={t("fleet.save")}
          submittingLabel={t("fleet.saving")}
          testId="vehicle-save"
        />
      </div>
    </form>
  )
}
