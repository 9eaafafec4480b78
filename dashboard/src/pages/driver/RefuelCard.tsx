import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Fuel } from "lucide-solid"
import { createSignal } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import { decimal, money, RefuelForm, type RefuelValues } from "./driverForms"
import { PhotoField } from "./PhotoField"

const EMPTY: RefuelValues = { litres: "", odometerKm: "", amount: "" }

/**
 * Log a refuel from the phone: the existing fuel entry endpoint (checked against the rated
 * consumption), then the receipt photo uploaded to the refuel's expense (kind receipt). A refused
 * photo keeps the saved refuel and says so.
 */
export const RefuelCard = (props: { readonly vehicleId: string }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [receipt, setReceipt] = createSignal<File | null>(null)
  const form = createSchemaForm({
    schema: RefuelForm,
    defaultValues: EMPTY,
    onSubmit: async (v) => {
      const entry = await api.call(endpoints.fuel.createEntry, {
        params: { id: props.vehicleId },
        body: {
          time: new Date().toISOString(),
          litres: decimal(v.litres),
          odometerKm: decimal(v.odometerKm),
          amount: money(v.amount),
        },
      })
      const photo = receipt()
      let photoError: string | null = null
      if (photo !== null) {
        try {
          await uploadDocument(
            photo,
            { entityType: "expense", entityId: entry.id, kind: "receipt", expiresOn: "" },
            { onProgress: () => undefined, refresh: api.refresh },
          )
        } catch (error) {
          photoError = error instanceof Error ? error.message : String(error)
        }
      }
      if (photoError === null) showToast("success", t("overview.driver.refuelSaved"))
      else showToast("error", t("overview.driver.photoFailed", { message: photoError }))
      form.form.reset()
      setReceipt(null)
      await Promise.all(
        [endpoints.fuel.listEntries.id, endpoints.home.summary.id].map((id) =>
          queryClient.invalidateQueries({ queryKey: [id] }),
        ),
      )
    },
  })
  const field = (name: keyof RefuelValues & string, label: string) => (
    <form.form.Field name={name}>
      {(f) => (
        <TextField
          field={f}
          label={label}
          inputmode="decimal"
          autocomplete="off"
          invalid={t("overview.driver.invalidNumber")}
          data-testid={`refuel-${name}`}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <section class="panel driver-card" data-testid="driver-refuel">
      <h2 class="driver-card__title">
        <Fuel size={18} aria-hidden="true" />
        {t("overview.driver.refuel")}
      </h2>
      <form class="form" onSubmit={form.handleSubmit} novalidate>
        {field("litres", t("overview.driver.litres"))}
        {field("odometerKm", t("overview.driver.odometerKm"))}
        {field("amount", t("overview.driver.amount"))}
        <PhotoField
          label={t("overview.driver.receipt")}
          choose={t("overview.driver.choosePhoto")}
          name="receipt"
          file={receipt()}
          onChange={setReceipt}
        />
        <FormError error={form.formError()} />
        <SubmitButton
          submitting={form.submitting()}
          label={t("overview.driver.save")}
          submittingLabel={t("fleet.saving")}
          testId="refuel-submit"
        />
      </form>
    </section>
  )
}
