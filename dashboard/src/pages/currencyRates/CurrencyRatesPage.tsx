import "../expenses/expenses.css"
import { CURRENCIES, endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Trash2 } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { decimalOf } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { createOrgCurrencyQuery } from "../expenses/expenseQueries"
import { RateImport } from "./RateImport"
import { RATE, rateForm } from "./rateForm"

interface RateRow {
  readonly id: string
  readonly currency: string
  readonly base: string
  readonly date: string
  readonly rate: string
}

const NewRate = (props: { readonly orgCurrency: string; readonly onSaved: () => Promise<unknown> }) => {
  const { t, locale, zone } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const others = () => CURRENCIES.filter((c) => c !== props.orgCurrency)
  const form = createSchemaForm({
    schema: rateForm(locale()),
    defaultValues: { currency: others()[0] ?? "USD", date: dayIn(Date.now(), zone()), rate: "" },
    onSubmit: async (values) => {
      await api.call(endpoints.currencyRates.create, {
        body: { ...values, rate: decimalOf(values.rate, locale(), RATE) },
      })
      await props.onSaved()
      await queryClient.invalidateQueries({ queryKey: [endpoints.expenses.list.id] })
      showToast("success", t("expenses.rates.created"))
      form.form.setFieldValue("rate", "")
    },
  })
  return (
    <form class="panel form" onSubmit={form.handleSubmit} data-testid="rate-form" novalidate>
      <h2>{t("expenses.rates.newTitle")}</h2>
      <form.form.Field name="currency">
        {(field) => (
          <SelectField
            field={field}
            label={t("expenses.rates.currency")}
            testId="rate-currency"
            options={others().map((c) => ({ value: c, label: c }))}
            {...form.serverProps("currency")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="date">
        {(field) => (
          <TextField
            field={field}
            type="date"
            label={t("expenses.rates.date")}
            data-testid="rate-date"
            {...form.serverProps("date")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="rate">
        {(field) => (
          <TextField
            field={field}
            label={t("expenses.rates.rate", { base: props.orgCurrency })}
            inputmode="decimal"
            hint={t("expenses.rates.rateHint")}
            invalid={t("expenses.rates.rateInvalid")}
            data-testid="rate-value"
            {...form.serverProps("rate")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("expenses.rates.add")}
          submittingLabel={t("expenses.rates.adding")}
          testId="rate-submit"
        />
      </div>
    </form>
  )
}

/** Rates against the organisation's currency: the table, a rate by hand, and a CSV import. */
export const CurrencyRatesPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const orgCurrency = createOrgCurrencyQuery()
  const url = createTableUrlState({ filters: ["currency"], sorts: ["date", "currency"] })
  const result = createListQuery(endpoints.currencyRates.list, () => ({ query: listQueryOf(url.state()) }))
  const [deleting, setDeleting] = createSignal<RateRow | null>(null)
  const money = useI18n().format
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [endpoints.currencyRates.list.id] }),
      queryClient.invalidateQueries({ queryKey: [endpoints.expenses.get.id] }),
    ])
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<RateRow, unknown>> => [
      {
        id: "date",
        header: t("expenses.rates.date"),
        cell: (c) => money().day(c.row.original.date),
        meta: { sortKey: "date", width: "10rem", hideable: false },
      },
      {
        id: "currency",
        header: t("expenses.rates.currency"),
        cell: (c) => c.row.original.currency,
        meta: { sortKey: "currency", width: "8rem" },
      },
      {
        id: "rate",
        header: t("expenses.rates.rateColumn"),
        cell: (c) =>
          `1 ${c.row.original.currency} = ${money().rate(c.row.original.rate, c.row.original.base)}`,
        meta: { align: "end" },
      },
      ...(session.can("expenses.manage")
        ? [
            {
              id: "actions",
              header: "",
              cell: (c) => (
                <button
                  type="button"
                  class="button"
                  aria-label={t("expenses.rates.delete")}
                  data-testid="rate-delete"
                  onClick={(e) => {
                    e.stopPropagation()
                    setDeleting(c.row.original)
                  }}
                >
                  <Trash2 size={14} aria-hidden="true" />
                </button>
              ),
              meta: { width: "4rem", hideable: false },
            } satisfies ColumnDef<RateRow, unknown>,
          ]
        : []),
    ],
  )
  return (
    <div class="page">
      <PageHeader
        title={t("expenses.rates.title")}
        description={t("expenses.rates.description", { currency: orgCurrency.data ?? "" })}
      />
      <Show when={session.can("expenses.manage") && orgCurrency.data}>
        {(c) => (
          <div class="rates-layout">
            <NewRate orgCurrency={c() as string} onSaved={reload} />
            <RateImport onImported={reload} />
          </div>
        )}
      </Show>
      <DataTable
        id="rates"
        label={t("expenses.rates.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        export={{ path: endpoints.listExports.currencyRates.path, query: () => listQueryOf(url.state()) }}
        empty={{ title: t("expenses.rates.empty"), description: t("expenses.rates.emptyText") }}
        filters={
          <FilterSelect
            label={t("expenses.rates.currency")}
            testId="rates-filter-currency"
            value={url.state().filters.currency ?? ""}
            all={t("expenses.rates.allCurrencies")}
            onChange={(value) => url.setFilter("currency", value)}
          >
            <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
          </FilterSelect>
        }
      />
      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null)
        }}
        title={t("expenses.rates.delete")}
        description={
          <p>
            {t("expenses.rates.deleteText", {
              currency: deleting()?.currency ?? "",
              day: deleting() ? money().day(deleting()?.date ?? "") : "",
            })}
          </p>
        }
        confirmLabel={t("expenses.rates.delete")}
        destructive
        onConfirm={async () => {
          const row = deleting()
          if (row === null) return
          await api.call(endpoints.currencyRates.delete, { params: { id: row.id } })
          await reload()
          await queryClient.invalidateQueries({ queryKey: [endpoints.expenses.list.id] })
          showToast("success", t("expenses.rates.deleted"))
          setDeleting(null)
        }}
      />
    </div>
  )
}
