import "./expenses.css"
import { EXPENSE_CATEGORIES, endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { ChevronLeft, ChevronRight, Trash2 } from "lucide-solid"
import { createSignal, For, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { EmptyState } from "../../ui/EmptyState"
import { ErrorState } from "../../ui/ErrorState"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { ExportMenu } from "../../ui/table/ExportMenu"
import { showToast } from "../../ui/toast"
import { BudgetBar } from "./BudgetBar"
import { budgetBody, budgetForm, newBudgetValues } from "./budgetForm"
import { CategoryBadge } from "./CategoryBadge"

const NewBudget = (props: { readonly year: number }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: budgetForm(locale()),
    defaultValues: newBudgetValues(props.year),
    onSubmit: async (values) => {
      await api.call(endpoints.budgets.create, { body: budgetBody(values, locale()) })
      await queryClient.invalidateQueries({ queryKey: [endpoints.budgets.vsActual.id] })
      showToast("success", t("expenses.budgetCreated"))
      form.form.reset()
    },
  })
  return (
    <form class="panel form budget-form" onSubmit={form.handleSubmit} data-testid="budget-form" novalidate>
      <h2>{t("expenses.newBudget")}</h2>
      <div class="budget-form__fields">
        <form.form.Field name="category">
          {(field) => (
            <SelectField
              field={field}
              label={t("expenses.category")}
              testId="budget-category"
              options={[
                { value: "" as const, label: t("expenses.allCategories") },
                ...EXPENSE_CATEGORIES.map((c) => ({ value: c, label: t(`expenses.category_${c}`) })),
              ]}
            />
          )}
        </form.form.Field>
        <form.form.Field name="period">
          {(field) => (
            <SelectField
              field={field}
              label={t("expenses.period")}
              testId="budget-period"
              options={(["month", "quarter", "year"] as const).map((p) => ({
                value: p,
                label: t(`expenses.period_${p}`),
              }))}
            />
          )}
        </form.form.Field>
        <form.form.Field name="start">
          {(field) => (
            <TextField
              field={field}
              type="date"
              label={t("expenses.periodStart")}
              hint={t("expenses.periodStartHint")}
              data-testid="budget-start"
              {...form.serverProps("start")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="amount">
          {(field) => (
            <TextField
              field={field}
              label={t("expenses.budgetAmount")}
              inputmode="decimal"
              data-testid="budget-amount"
              invalid={t("expenses.amountInvalid")}
              {...form.serverProps("amount")}
            />
          )}
        </form.form.Field>
      </div>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("expenses.addBudget")}
          submittingLabel={t("expenses.saving")}
          testId="budget-submit"
        />
      </div>
    </form>
  )
}

/** Budgets of a year against what was spent (the organisation-currency equivalents of expenses). */
export const BudgetsPage = () => {
  const { t, zone } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [year, setYear] = createSignal(Number(dayIn(Date.now(), zone()).slice(0, 4)))
  const [deleting, setDeleting] = createSignal<string | null>(null)
  const money = useI18n().format
  const report = useQuery(() => ({
    queryKey: [endpoints.budgets.vsActual.id, year()] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.budgets.vsActual,
        { query: { from: `${year()}-01-01`, to: `${year()}-12-31` } },
        signal,
      ),
  }))
  const periodLabel = (row: { period: "month" | "quarter" | "year"; start: string; end: string }) =>
    `${t(`expenses.period_${row.period}`)}: ${money().day(row.start)} – ${money().day(row.end)}`

  return (
    <div class="page">
      <PageHeader
        title={t("expenses.budgetsTitle")}
        description={t("expenses.budgetsDescription")}
        actions={
          <div class="header-actions">
            <button
              type="button"
              class="button"
              aria-label={t("expenses.previousYear")}
              onClick={() => setYear(year() - 1)}
            >
              <ChevronLeft size={16} aria-hidden="true" />
            </button>
            <strong class="budget-year" data-testid="budget-year">
              {year()}
            </strong>
            <button
              type="button"
              class="button"
              aria-label={t("expenses.nextYear")}
              onClick={() => setYear(year() + 1)}
            >
              <ChevronRight size={16} aria-hidden="true" />
            </button>
            <A href="/expenses" class="button">
              {t("expenses.title")}
            </A>
            <ExportMenu
              id="budgets"
              export={{ path: endpoints.listExports.budgets.path, query: () => ({}) }}
            />
          </div>
        }
      />
      <Show when={session.can("expenses.manage")}>
        <Show when={year()} keyed>
          {(y) => <NewBudget year={y} />}
        </Show>
      </Show>
      <Switch>
        <Match when={report.isLoading}>
          <Spinner label={t("states.loading")} />
        </Match>
        <Match when={report.isError}>
          <ErrorState error={report.error} retry={() => void report.refetch()} />
        </Match>
        <Match when={report.data?.items.length === 0}>
          <EmptyState title={t("expenses.noBudgets")} description={t("expenses.noBudgetsText")} />
        </Match>
        <Match when={report.data}>
          {(data) => (
            <ul class="budget-list" data-testid="budget-list">
              <For each={data().items}>
                {(row) => (
                  <li class="panel budget-row" data-testid="budget-row">
                    <div class="budget-row__head">
                      <Show when={row.category} fallback={<strong>{t("expenses.allCategories")}</strong>}>
                        {(c) => <CategoryBadge category={c()} />}
                      </Show>
                      <span class="muted">{periodLabel(row)}</span>
                      <Show when={row.unconverted > 0}>
                        <span class="badge badge--warning">
                          {t("expenses.unconverted", { count: String(row.unconverted) })}
                        </span>
                      </Show>
                      <Show when={session.can("expenses.manage")}>
                        <button
                          type="button"
                          class="button budget-row__delete"
                          aria-label={t("expenses.deleteBudget")}
                          data-testid="budget-delete"
                          onClick={() => setDeleting(row.id)}
                        >
                          <Trash2 size={16} aria-hidden="true" />
                        </button>
                      </Show>
                    </div>
                    <BudgetBar row={row} money={money()} />
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null)
        }}
        title={t("expenses.deleteBudget")}
        description={<p>{t("expenses.deleteBudgetText")}</p>}
        confirmLabel={t("expenses.delete")}
        destructive
        onConfirm={async () => {
          const id = deleting()
          if (id === null) return
          await api.call(endpoints.budgets.delete, { params: { id } })
          await queryClient.invalidateQueries({ queryKey: [endpoints.budgets.vsActual.id] })
          showToast("success", t("expenses.budgetDeleted"))
          setDeleting(null)
        }}
      />
    </div>
  )
}
