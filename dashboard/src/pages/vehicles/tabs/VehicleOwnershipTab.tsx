import { CURRENCIES, endpoints, OWNER_TYPES, urlOf } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Trash2 } from "lucide-solid"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { useSession } from "../../../auth/SessionContext"
import { useI18n } from "../../../i18n/I18nContext"
import { ConfirmDialog } from "../../../ui/ConfirmDialog"
import { createSchemaForm } from "../../../ui/form/createSchemaForm"
import { FormError } from "../../../ui/form/FormError"
import { SelectField } from "../../../ui/form/SelectField"
import { SubmitButton } from "../../../ui/form/SubmitButton"
import { TextField } from "../../../ui/form/TextField"
import { listResultOf } from "../../../ui/table/listResultOf"
import { showToast } from "../../../ui/toast"
import { formatMoney } from "../vehicleFormat"
import { createVehicleListQuery } from "../vehicleQueries"
import type { VehicleTabProps } from "../vehicleTabs"
import {
  NEW_OWNERSHIP,
  type OwnershipValues,
  type OwnershipView,
  ownershipBody,
  ownershipForm,
} from "./ownershipForm"
import { TabTable } from "./TabTable"

/** Who owned the vehicle when (seed 003 step 2.4); periods never overlap (the server refuses). */
export const VehicleOwnershipTab = (props: VehicleTabProps) => {
  const { t, format, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const manage = () => session.can("vehicles.manage")
  const [removing, setRemoving] = createSignal<OwnershipView | null>(null)
  const result = createVehicleListQuery(endpoints.ownership.list, () => ({
    vehicleId: props.vehicle.id,
    query: { pageSize: "100" },
  }))
  const reload = () => queryClient.invalidateQueries({ queryKey: [endpoints.ownership.list.id] })
  const form = createSchemaForm({
    schema: ownershipForm(locale()),
    defaultValues: NEW_OWNERSHIP,
    onSubmit: async (values: OwnershipValues) => {
      await api.call(endpoints.ownership.create, {
        params: { id: props.vehicle.id },
        body: ownershipBody(values, locale()),
      })
      await reload()
      form.form.reset()
      showToast("success", t("fleet.ownershipAdded"))
    },
  })
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<OwnershipView, unknown>> => [
      {
        id: "ownerName",
        header: t("fleet.ownerName"),
        cell: (c) => <strong>{c.row.original.ownerName}</strong>,
      },
      {
        id: "ownerType",
        header: t("fleet.ownerType"),
        cell: (c) => t(`fleet.owner_${c.row.original.ownerType}`),
      },
      { id: "from", header: t("fleet.from"), cell: (c) => format().day(c.row.original.from) },
      {
        id: "to",
        header: t("fleet.to"),
        cell: (c) => {
          const to = c.row.original.to
          return to === null ? (
            <span class="badge badge--success">{t("fleet.current")}</span>
          ) : (
            format().day(to)
          )
        },
      },
      {
        id: "purchase",
        header: t("fleet.purchasePrice"),
        cell: (c) => formatMoney(format(), c.row.original.purchasePrice, c.row.original.currency),
        meta: { align: "end" },
      },
      {
        id: "sale",
        header: t("fleet.salePrice"),
        cell: (c) => formatMoney(format(), c.row.original.salePrice, c.row.original.currency),
        meta: { align: "end" },
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <Show when={manage()}>
            <button
              type="button"
              class="button button--ghost"
              aria-label={t("fleet.remove")}
              data-testid="ownership-remove"
              onClick={() => setRemoving(c.row.original)}
            >
              <Trash2 size={16} aria-hidden="true" />
            </button>
          </Show>
        ),
        meta: { align: "end", width: "4rem" },
      },
    ],
  )
  const text = (name: keyof OwnershipValues & string, label: string, type = "text") => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          type={type}
          autocomplete="off"
          data-testid={`ownership-${name}`}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <section class="panel">
      <TabTable
        id="vehicle-ownership"
        label={t("fleet.tabOwnership")}
        columns={columns()}
        result={listResultOf(result)}
        rowId={(r) => r.id}
        export={{
          path: urlOf(endpoints.listExports.ownershipRecords, { params: { id: props.vehicle.id } }),
          query: () => ({}),
        }}
        empty={t("fleet.ownershipEmpty")}
      />
      <Show when={manage()}>
        <form
          class="form vehicle-subform"
          onSubmit={form.handleSubmit}
          data-testid="ownership-form"
          novalidate
        >
          <h3>{t("fleet.addOwnership")}</h3>
          <div class="form--pair form--top">
            <form.form.Field name="ownerType">
              {(field) => (
                <SelectField
                  field={field}
                  label={t("fleet.ownerType")}
                  testId="ownership-ownerType"
                  options={OWNER_TYPES.map((o) => ({ value: o, label: t(`fleet.owner_${o}`) }))}
                />
              )}
            </form.form.Field>
            {text("ownerName", t("fleet.ownerName"))}
          </div>
          <div class="form--pair form--top">
            {text("from", t("fleet.from"), "date")}
            {text("to", t("fleet.to"), "date")}
          </div>
          <div class="form--triple form--top">
            {text("purchasePrice", t("fleet.purchasePrice"))}
            {text("salePrice", t("fleet.salePrice"))}
            <form.form.Field name="currency">
              {(field) => (
                <SelectField
                  field={field}
                  label={t("fleet.currency")}
                  testId="ownership-currency"
                  options={CURRENCIES.map((c) => ({ value: c, label: c }))}
                  {...form.serverProps("currency")}
                />
              )}
            </form.form.Field>
          </div>
          <FormError error={form.formError()} />
          <div class="form__actions">
            <SubmitButton
              submitting={form.submitting()}
              label={t("fleet.addOwnership")}
              submittingLabel={t("fleet.adding")}
              testId="ownership-submit"
            />
          </div>
        </form>
      </Show>
      <ConfirmDialog
        open={removing() !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t("fleet.ownershipDeleteTitle")}
        description={<p>{t("fleet.ownershipDeleteText", { name: removing()?.ownerName ?? "" })}</p>}
        confirmLabel={t("fleet.remove")}
        destructive
        onConfirm={async () => {
          const record = removing()
          if (record === null) return
          await api.call(endpoints.ownership.delete, { params: { id: record.id } })
          await reload()
          showToast("success", t("fleet.ownershipDeleted"))
        }}
      />
    </section>
  )
}
