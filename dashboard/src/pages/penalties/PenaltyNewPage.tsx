import "../organisations/adminPages.css"
import "../contracts/records.css"
import { CURRENCIES, endpoints } from "@fleetcore/contract"
import { A, useNavigate, useSearchParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import type { Dictionary } from "../../i18n/en"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { fieldBinding } from "../../ui/form/fieldBinding"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { newPenaltyValues, penaltyBody, penaltyForm } from "./penaltyForm"
import { invalidatePenalties } from "./penaltyQueries"

const NewPenalty = () => {
  const { t, locale, zone } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [search] = useSearchParams<{ vehicleId?: string }>()
  const k = (key: keyof Dictionary["contractsPenalties"]["penalties"]) =>
    `contractsPenalties.penalties.${key}` as const
  const form = createSchemaForm({
    schema: penaltyForm(locale()),
    defaultValues: newPenaltyValues(search.vehicleId ?? ""),
    onSubmit: async (values) => {
      const created = await api.call(endpoints.penalties.create, {
        body: penaltyBody(values, locale(), zone()),
      })
      await invalidatePenalties(queryClient)
      showToast("success", t(k("created")))
      navigate(`/penalties/${created.id}`)
    },
  })
  const status = form.form.useStore((s) => s.values.status)
  return (
    <div class="page page--narrow">
      <PageHeader title={t(k("newTitle"))} description={t(k("newDescription"))} />
      <form class="panel form" onSubmit={form.handleSubmit} data-testid="penalty-form" novalidate>
        <form.form.Field name="vehicleId">
          {(field) => (
            <VehiclePicker
              {...fieldBinding(field)}
              label={t("contractsPenalties.vehicle")}
              testId="penalty-vehicle"
              hint={t(k("driverHint"))}
              {...form.serverProps("vehicleId")}
            />
          )}
        </form.form.Field>
        <div class="form--pair form--top">
          <form.form.Field name="offenceAt">
            {(field) => (
              <TextField
                field={field}
                type="datetime-local"
                label={t(k("offenceAt"))}
                data-testid="penalty-offence"
                invalid={t("contractsPenalties.dateInvalid")}
                {...form.serverProps("offenceAt")}
              />
            )}
          </form.form.Field>
          <form.form.Field name="dueDate">
            {(field) => (
              <TextField
                field={field}
                type="date"
                label={t(k("dueDate"))}
                data-testid="penalty-due"
                {...form.serverProps("dueDate")}
              />
            )}
          </form.form.Field>
        </div>
        <div class="form--pair form--top">
          <form.form.Field name="amount">
            {(field) => (
              <TextField
                field={field}
                inputmode="decimal"
                label={t("contractsPenalties.amount")}
                hint={t("contractsPenalties.amountHint")}
                invalid={t("contractsPenalties.amountInvalid")}
                data-testid="penalty-amount"
                {...form.serverProps("amount")}
              />
            )}
          </form.form.Field>
          <form.form.Field name="currency">
            {(field) => (
              <SelectField
                field={field}
                label={t("contractsPenalties.currency")}
                testId="penalty-currency"
                options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              />
            )}
          </form.form.Field>
        </div>
        <form.form.Field name="reason">
          {(field) => (
            <TextField
              field={field}
              label={t(k("reason"))}
              data-testid="penalty-reason"
              invalid={t("contractsPenalties.required")}
              {...form.serverProps("reason")}
            />
          )}
        </form.form.Field>
        <div class="form--pair form--top">
          <form.form.Field name="article">
            {(field) => (
              <TextField
                field={field}
                label={t(k("article"))}
                data-testid="penalty-article"
                {...form.serverProps("article")}
              />
            )}
          </form.form.Field>
          <form.form.Field name="resolutionNumber">
            {(field) => (
              <TextField
                field={field}
                label={t(k("resolutionNumber"))}
                data-testid="penalty-resolution"
                {...form.serverProps("resolutionNumber")}
              />
            )}
          </form.form.Field>
        </div>
        <div class="form--pair form--top">
          <form.form.Field name="status">
            {(field) => (
              <SelectField
                field={field}
                label={t("contractsPenalties.status")}
                testId="penalty-initial-status"
                options={[
                  { value: "open", label: t(k("status_open")) },
                  { value: "paid", label: t(k("status_paid")) },
                ]}
              />
            )}
          </form.form.Field>
          <Show when={status() === "paid"}>
            <form.form.Field name="paidOn">
              {(field) => (
                <TextField
                  field={field}
                  type="date"
                  label={t(k("paidOn"))}
                  data-testid="penalty-paid-on"
                  {...form.serverProps("paidOn")}
                />
              )}
            </form.form.Field>
          </Show>
        </div>
        <FormError error={form.formError()} />
        <div class="form__actions">
          <A href="/penalties" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t(k("create"))}
            submittingLabel={t("common.saving")}
            testId="penalty-submit"
          />
        </div>
      </form>
    </div>
  )
}

/** A new fine (`penalties.manage`); `?vehicleId=` preselects the vehicle. */
export const PenaltyNewPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("penalties.manage")} fallback={<NotAllowedPage />}>
      <NewPenalty />
    </Show>
  )
}
