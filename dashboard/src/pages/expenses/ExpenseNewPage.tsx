import "./expenses.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useSearchParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { showToast } from "../../ui/toast"
import { showLimitWarnings } from "../fuel/showLimitWarnings"
import { ExpenseFormFields } from "./ExpenseForm"
import { expenseBody, expenseForm, newExpenseValues } from "./expenseForm"
import { createOrgCurrencyQuery, invalidateExpenses } from "./expenseQueries"

const NewExpense = (props: { readonly currency: string }) => {
  const { t, format, locale, zone } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [params] = useSearchParams<{ vehicleId?: string }>()
  const form = createSchemaForm({
    schema: expenseForm(locale()),
    defaultValues: newExpenseValues(props.currency, zone(), params.vehicleId ?? ""),
    onSubmit: async (values) => {
      const saved = await api.call(endpoints.expenses.create, {
        body: { ...expenseBody(values, locale(), zone()), category: values.category },
      })
      await invalidateExpenses(queryClient)
      showToast("success", t("expenses.created"))
      showLimitWarnings(t, format(), saved.warnings)
      navigate(`/expenses/${saved.id}`)
    },
  })
  return (
    <ExpenseFormFields
      form={form}
      categoryFixed={false}
      submitLabel={t("expenses.create")}
      submittingLabel={t("expenses.saving")}
      actions={
        <A href="/expenses" class="button">
          {t("common.cancel")}
        </A>
      }
    />
  )
}

/** A new expense (`expenses.manage`); `?vehicleId=` preselects the vehicle. */
export const ExpenseNewPage = () => {
  const { t } = useI18n()
  const session = useSession()
  const currency = createOrgCurrencyQuery()
  return (
    <Show when={session.can("expenses.manage")} fallback={<NotAllowedPage />}>
      <div class="page page--narrow">
        <PageHeader title={t("expenses.newTitle")} description={t("expenses.newDescription")} />
        <Show when={currency.data} fallback={<Spinner label={t("states.loading")} />}>
          {(c) => <NewExpense currency={c()} />}
        </Show>
      </div>
    </Show>
  )
}
