import { endpoints, type ServiceVisitDetail, WORK_ITEM_KINDS } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { decimalOf, MONEY, type NumberRule, numberOf, numberText } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { ReasonDialog } from "../../ui/ReasonDialog"
import { showToast } from "../../ui/toast"

type Visit = typeof ServiceVisitDetail.Encoded

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const Optional = (max: number) => Schema.String.check(Schema.isTrimmed(), Schema.isMaxLength(max))

/** A part's quantity: above zero, up to 6 digits and 3 decimals. */
const QUANTITY: NumberRule = { fractionDigits: 3, above: 0, max: 999_999.999 }

/** A work item as typed: the quantity a positive decimal, the unit cost money in the visit's currency. */
const itemForm = (locale: Locale) =>
  Schema.Struct({
    kind: Schema.Literals(WORK_ITEM_KINDS),
    description: Text(500),
    partNumber: Optional(100),
    quantity: numberText(locale, QUANTITY),
    unitCost: numberText(locale, MONEY),
    recommendations: Optional(2000),
  })
type ItemValues = ReturnType<typeof itemForm>["Encoded"]
const EMPTY: ItemValues = {
  kind: "part",
  description: "",
  partNumber: "",
  quantity: "1",
  unitCost: "",
  recommendations: "",
}

/**
 * The centre's side of a visit (issue 16): while it is open its staff add work items (a part,
 * labour, other: quantity and unit cost in the visit's currency, recommendations), complete it
 * (the owner is asked to confirm the total) or cancel it with a reason; a completed visit the
 * owner has not confirmed may still be cancelled.
 */
export const VisitWork = (props: { readonly visit: Visit; readonly onChanged: () => Promise<unknown> }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [completing, setCompleting] = createSignal(false)
  const [cancelling, setCancelling] = createSignal(false)
  const [formKey, setFormKey] = createSignal(0)
  const changed = async () => {
    await props.onChanged()
    await queryClient.invalidateQueries({ queryKey: [endpoints.visits.list.id] })
  }
  const open = () => props.visit.status === "open"
  return (
    <>
      <Show when={open() && session.can("visits.record")}>
        <section class="panel" data-testid="visit-add-item">
          <h2 class="panel__title">{t("centre.addItem")}</h2>
          <Show when={formKey() + 1} keyed>
            <ItemEntry
              visit={props.visit}
              onAdded={async () => {
                await changed()
                setFormKey(formKey() + 1)
              }}
            />
          </Show>
        </section>
      </Show>
      <div class="vehicle-access__actions">
        <Show when={open() && session.can("visits.complete")}>
          <button
            type="button"
            class="button button--primary"
            data-testid="visit-complete"
            disabled={props.visit.items.length === 0}
            onClick={() => setCompleting(true)}
          >
            {t("centre.complete")}
          </button>
        </Show>
        <Show
          when={
            (props.visit.status === "open" || props.visit.status === "completed") &&
            session.can("visits.record")
          }
        >
          <button type="button" class="button" data-testid="visit-cancel" onClick={() => setCancelling(true)}>
            {t("centre.cancel")}
          </button>
        </Show>
      </div>
      <ConfirmDialog
        open={completing()}
        onOpenChange={setCompleting}
        title={t("centre.completeTitle")}
        description={t("centre.completeText", {
          total: format().money(props.visit.total, props.visit.currency),
        })}
        confirmLabel={t("centre.complete")}
        onConfirm={async () => {
          await api.call(endpoints.visits.complete, { params: { id: props.visit.id } })
          await changed()
          showToast("success", t("centre.completed"))
        }}
      />
      <ReasonDialog
        open={cancelling()}
        onOpenChange={setCancelling}
        title={t("centre.cancelTitle")}
        label={t("centre.cancelWhy")}
        confirmLabel={t("centre.cancel")}
        testId="cancel-reason"
        onConfirm={async (reason) => {
          await api.call(endpoints.visits.cancel, { params: { id: props.visit.id }, body: { reason } })
          await changed()
          showToast("success", t("centre.cancelled"))
        }}
      />
    </>
  )
}

const ItemEntry = (props: { readonly visit: Visit; readonly onAdded: () => Promise<void> }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const form = createSchemaForm({
    schema: itemForm(locale()),
    defaultValues: EMPTY,
    onSubmit: async (v) => {
      await api.call(endpoints.visits.addItem, {
        params: { id: props.visit.id },
        body: {
          kind: v.kind,
          description: v.description,
          quantity: numberOf(v.quantity, locale(), QUANTITY),
          unitCost: decimalOf(v.unitCost, locale(), MONEY),
          currency: props.visit.currency,
          ...(v.partNumber === "" ? {} : { partNumber: v.partNumber }),
          ...(v.recommendations === "" ? {} : { recommendations: v.recommendations }),
        },
      })
      showToast("success", t("centre.itemAdded"))
      await props.onAdded()
    },
  })
  const text = (
    name: "description" | "partNumber" | "quantity" | "unitCost" | "recommendations",
    label: string,
    invalid: string,
    mode?: "decimal",
  ) => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          {...(mode ? { inputmode: mode } : {})}
          data-testid={`item-${name}`}
          invalid={invalid}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="item-form" novalidate>
      <div class="form--row">
        <form.form.Field name="kind">
          {(field) => (
            <SelectField
              field={field}
              label={t("vehicleAccess.itemKind")}
              options={WORK_ITEM_KINDS.map((k) => ({ value: k, label: t(`vehicleAccess.kind_${k}`) }))}
              testId="item-kind"
              {...form.serverProps("kind")}
            />
          )}
        </form.form.Field>
        {text("description", t("centre.itemDescription"), t("centre.required"))}
        {text("partNumber", t("centre.partNumber"), t("centre.required"))}
        {text("quantity", t("centre.quantity"), t("centre.invalidNumber"), "decimal")}
        {text(
          "unitCost",
          `${t("centre.unitCost")}, ${props.visit.currency}`,
          t("centre.invalidMoney"),
          "decimal",
        )}
        {text("recommendations", t("centre.recommendations"), t("centre.required"))}
      </div>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("centre.addItem")}
          submittingLabel={t("centre.adding")}
          testId="item-add"
        />
      </div>
    </form>
  )
}
