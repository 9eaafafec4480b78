import { CENTRE_EDITABLE_STATUSES, type CentreDetail, endpoints } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"

type Centre = typeof CentreDetail.Encoded

const required = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const optional = (max: number) => Schema.String.check(Schema.isTrimmed(), Schema.isMaxLength(max))

/** The centre's verification details as the form edits them (blank optional fields are sent as null). */
const DetailsForm = Schema.Struct({
  country: Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/u)),
  address: required(500),
  phone: required(40),
  taxId: required(40),
  legalName: optional(200),
  registrationNumber: optional(60),
  website: optional(300),
  description: optional(4000),
})
type Details = (typeof DetailsForm)["Encoded"]

const orNull = (v: string) => (v === "" ? null : v)

/**
 * The centre's verification (its owner): where it stands and why, the details and documents the
 * moderators check (editable while a draft or rejected), and the submission for verification.
 */
export const CentreProfile = () => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const centre = useQuery(() => ({
    queryKey: [endpoints.centres.get.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.centres.get, {}, signal),
  }))
  const [submitting, setSubmitting] = createSignal(false)
  const reload = () => queryClient.invalidateQueries({ queryKey: [endpoints.centres.get.id] })
  const submit = async () => {
    setSubmitting(true)
    try {
      await api.call(endpoints.centres.submit, {})
      await reload()
      showToast("success", t("centre.submitted"))
    } catch (error) {
      showToast("error", t("centre.submit"), errorMessage(t, error))
    } finally {
      setSubmitting(false)
    }
  }
  return (
    <Show when={centre.data}>
      {(c: () => Centre) => {
        const editable = () => CENTRE_EDITABLE_STATUSES.includes(c().status)
        return (
          <section class="panel centre-profile" data-testid="centre-profile">
            <h2 class="panel__title">{t("centre.verification")}</h2>
            <p data-testid="centre-status" data-status={c().status}>
              <strong>{t(`centre.status_${c().status}`)}</strong>
            </p>
            <Show when={c().statusReason}>
              {(reason) => <p class="muted">{t("centre.statusReason", { reason: reason() })}</p>}
            </Show>
            <Show when={editable()}>
              <p class="muted">{t("centre.editHint")}</p>
              <CentreDetailsForm centre={c()} onSaved={() => void reload()} />
            </Show>
            <DocumentsPanel entityType="service_centre" entityId={c().id} />
            <Show when={editable()}>
              <div class="form__actions">
                <button
                  type="button"
                  class="button button--primary"
                  data-testid="centre-submit"
                  disabled={submitting()}
                  onClick={() => void submit()}
                >
                  {t("centre.submit")}
                </button>
              </div>
            </Show>
          </section>
        )
      }}
    </Show>
  )
}

const CentreDetailsForm = (props: { readonly centre: Centre; readonly onSaved: () => void }) => {
  const { t } = useI18n()
  const api = useApi()
  const c = props.centre
  const form = createSchemaForm({
    schema: DetailsForm,
    defaultValues: {
      country: c.country,
      address: c.address,
      phone: c.phone,
      taxId: c.taxId,
      legalName: c.legalName ?? "",
      registrationNumber: c.registrationNumber ?? "",
      website: c.website ?? "",
      description: c.description ?? "",
    } satisfies Details,
    onSubmit: async (v) => {
      await api.call(endpoints.centres.update, {
        body: {
          country: v.country,
          address: v.address,
          phone: v.phone,
          taxId: v.taxId,
          legalName: orNull(v.legalName),
          registrationNumber: orNull(v.registrationNumber),
          website: orNull(v.website),
          description: orNull(v.description),
        },
      })
      showToast("success", t("centre.saved"))
      props.onSaved()
    },
  })
  const text = (name: Exclude<keyof Details, "description">, label: string) => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          data-testid={`centre-${name}`}
          invalid={t("centre.required")}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="centre-details" novalidate>
      <div class="form--row">
        {text("country", t("centre.country"))}
        {text("address", t("centre.address"))}
        {text("phone", t("centre.phone"))}
        {text("taxId", t("centre.taxId"))}
        {text("legalName", t("centre.legalName"))}
        {text("registrationNumber", t("centre.registrationNumber"))}
        {text("website", t("centre.website"))}
      </div>
      <form.form.Field name="description">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("centre.about")}
            rows={3}
            maxLength={4000}
            testId="centre-description"
            {...form.serverProps("description")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("centre.save")}
          submittingLabel={t("centre.saving")}
          testId="centre-save"
        />
      </div>
    </form>
  )
}
