import { endpoints, IsoDate } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { MONEY, optionalNumberText, readNumber } from "../../ui/form/numberText"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import type { ContractView } from "./contractColumns"
import { invalidateContracts } from "./contractQueries"

const renewForm = (locale: Locale) =>
  Schema.Struct({
    startDate: Schema.Union([Schema.Literal(""), IsoDate]),
    endDate: Schema.Union([Schema.Literal(""), IsoDate]),
    amount: optionalNumberText(locale, MONEY),
  })

/** Renewal: new dates (empty = the next term of the same length) and amount; opens the new contract. */
export const RenewDialog = (props: {
  readonly contract: ContractView
  readonly open: boolean
  readonly onOpenChange: (open: boolean) => void
}) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: renewForm(locale()),
    defaultValues: { startDate: "", endDate: "", amount: "" },
    onSubmit: async (v) => {
      const amount = readNumber(v.amount, locale(), MONEY)
      const renewed = await api.call(endpoints.contracts.renew, {
        params: { id: props.contract.id },
        body: {
          ...(v.startDate === "" ? {} : { startDate: v.startDate }),
          ...(v.endDate === "" ? {} : { endDate: v.endDate }),
          ...(amount === null ? {} : { amount }),
        },
      })
      await invalidateContracts(queryClient)
      showToast("success", t("contractsPenalties.contracts.renewed"))
      props.onOpenChange(false)
      navigate(`/contracts/${renewed.id}`)
    },
  })
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog" data-testid="contract-renew-dialog">
            <Dialog.Title class="dialog__title">{t("contractsPenalties.contracts.renewTitle")}</Dialog.Title>
            <Dialog.Description class="dialog__description">
              {t("contractsPenalties.contracts.renewText")}
            </Dialog.Description>
            <form class="form" onSubmit={form.handleSubmit} novalidate>
              <div class="form--pair form--top">
                <form.form.Field name="startDate">
                  {(field) => (
                    <TextField
                      field={field}
                      type="date"
                      label={t("contractsPenalties.contracts.startDate")}
                      data-testid="renew-start"
                      {...form.serverProps("startDate")}
                    />
                  )}
                </form.form.Field>
                <form.form.Field name="endDate">
                  {(field) => (
                    <TextField
                      field={field}
                      type="date"
                      label={t("contractsPenalties.contracts.endDate")}
                      data-testid="renew-end"
                      {...form.serverProps("endDate")}
                    />
                  )}
                </form.form.Field>
              </div>
              <form.form.Field name="amount">
                {(field) => (
                  <TextField
                    field={field}
                    inputmode="decimal"
                    label={t("contractsPenalties.amount")}
                    hint={t("contractsPenalties.contracts.renewAmountHint", {
                      amount: props.contract.amount,
                    })}
                    invalid={t("contractsPenalties.amountInvalid")}
                    data-testid="renew-amount"
                    {...form.serverProps("amount")}
                  />
                )}
              </form.form.Field>
              <FormError error={form.formError()} />
              <div class="dialog__actions">
                <DialogTextClose label={t("common.cancel")} />
                <SubmitButton
                  submitting={form.submitting()}
                  label={t("contractsPenalties.contracts.renew")}
                  submittingLabel={t("common.saving")}
                  testId="renew-submit"
                />
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
