import "../organisations/adminPages.css"
import "./vehicles.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { VehicleFields } from "./VehicleFields"
import { NEW_VEHICLE, statusOf, vehicleBody, vehicleForm } from "./vehicleForm"
import { invalidateVehicles } from "./vehicleQueries"

const NewVehicle = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: vehicleForm(locale()),
    defaultValues: NEW_VEHICLE,
    onSubmit: async (values) => {
      const created = await api.call(endpoints.vehicles.create, {
        body: { ...vehicleBody(values, locale()), status: statusOf(values) },
      })
      await invalidateVehicles(queryClient)
      showToast("success", t("fleet.created", { name: created.name }))
      navigate(`/vehicles/${created.id}`)
    },
  })
  return (
    <div class="page page--narrow">
      <PageHeader title={t("fleet.newTitle")} description={t("fleet.newDescription")} />
      <form class="panel form" onSubmit={form.handleSubmit} data-testid="vehicle-form" novalidate>
        <VehicleFields form={form} withStatus={true} />
        <FormError error={form.formError()} />
        <div class="form__actions">
          <A href="/vehicles" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t("fleet.create")}
            submittingLabel={t("fleet.creating")}
            testId="vehicle-submit"
          />
        </div>
      </form>
    </div>
  )
}

/** A new vehicle (`vehicles.manage`): every field of the record; then its page. */
export const VehicleNewPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("vehicles.manage")} fallback={<NotAllowedPage />}>
      <NewVehicle />
    </Show>
  )
}
