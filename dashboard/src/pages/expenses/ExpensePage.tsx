import "./expenses.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ReceiptText, Trash2 } from "lucide-solid"
import { createSignal, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { forgetRecord } from "../../api/forgetRecord"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { showToast } from "../../ui/toast"
import { CategoryBadge } from "./CategoryBadge"
import { ExpenseFormFields } from "./ExpenseForm"
import type { ExpenseView } from "./expenseColumns"
import { expenseBody, expenseForm, expenseValues } from "./expenseForm"
import { createExpenseQuery, invalidateExpenses } from "./expenseQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/expenses" class="button">
      {t("expenses.back")}
    </A>
  )
}

/** What the server derived: the conversion and, for a refuel, the consumption check. */
const ExpenseFacts = (props: { readonly expense: ExpenseView }) => {
  const { t, format } = useI18n()
  const money = useI18n().format
  const e = () => props.expense
  return (
    <section class="panel">
      <dl class="facts" data-testid="expense-facts">
        <dt>{t("expenses.category")}</dt>
        <dd>
          <CategoryBadge category={e().category} />
        </dd>
        <dt>{t("expenses.date")}</dt>
        <dd>{money().day(e().date)}</dd>
        <dt>{t("expenses.amount")}</dt>
        <dd data-testid="expense-amount-fact">
          {e().amount === null ? t("expenses.noAmount") : money().money(e().amount ?? "0", e().currency)}
        </dd>
        <dt>{t("expenses.orgAmount")}</dt>
        <dd data-testid="expense-org-amount">
          <Switch fallback="—">
            <Match when={e().orgAmount}>
              {(amount) => (
                <>
                  {money().money(amount(), e().orgCurrency)}
                  <Show when={e().rate !== null && e().currency !== e().orgCurrency}>
                    <span class="muted">
                      {" "}
                      {t("expenses.rateUsed", {
                        rate: e().rate ?? "",
                        day: money().day(e().rateDate ?? e().date),
                      })}
                    </span>
                  </Show>
                </>
              )}
            </Match>
            <Match when={e().rateMissing}>
              <span class="badge badge--warning">{t("expenses.rateMissing")}</span>{" "}
              <span class="muted">{t("expenses.rateMissingText")}</span>
            </Match>
          </Switch>
        </dd>
        <Show when={e().fuel}>
          {(fuel) => (
            <>
              <dt>{t("expenses.pricePerLitre")}</dt>
              <dd>
                {fuel().pricePerLitre === null
                  ? "—"
                  : money().money(fuel().pricePerLitre ?? "0", e().currency)}
              </dd>
              <dt>{t("expenses.consumption")}</dt>
              <dd data-testid="expense-consumption">
                <Switch>
                  <Match when={fuel().consumption}>
                    {(c) => (
                      <>
                        {t("expenses.consumptionValue", {
                          actual: format().decimal(c().actualL, 2),
                          expected: format().decimal(c().expectedL, 2),
                          pct: format().decimal(c().differencePct ?? 0, 1),
                        })}{" "}
                        <Show when={fuel().anomaly}>
                          <span class="badge badge--warning">{t("expenses.anomaly")}</span>
                        </Show>
                      </>
                    )}
                  </Match>
                  <Match when={fuel().checkSkipped}>
                    {(reason) => <span class="muted">{t(`expenses.skipped_${reason()}`)}</span>}
                  </Match>
                </Switch>
              </dd>
            </>
          )}
        </Show>
      </dl>
    </section>
  )
}

const EditExpense = (props: { readonly expense: ExpenseView }) => {
  const { t, locale, zone } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = createSignal(false)
  const form = createSchemaForm({
    schema: expenseForm(locale()),
    defaultValues: expenseValues(props.expense, locale(), zone()),
    onSubmit: async (values) => {
      await api.call(endpoints.expenses.update, {
        params: { id: props.expense.id },
        body: expenseBody(values, locale(), zone()),
      })
      await invalidateExpenses(queryClient)
      showToast("success", t("expenses.saved"))
    },
  })
  return (
    <>
      <ExpenseFormFields
        form={form}
        categoryFixed
        submitLabel={t("expenses.save")}
        submittingLabel={t("expenses.saving")}
        actions={
          <button
            type="button"
            class="button button--danger"
            data-testid="expense-delete"
            onClick={() => setConfirming(true)}
          >
            <Trash2 size={16} aria-hidden="true" />
            <span>{t("expenses.delete")}</span>
          </button>
        }
      />
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t("expenses.deleteTitle")}
        description={
          <p>{props.expense.fuel === null ? t("expenses.deleteText") : t("expenses.deleteFuelText")}</p>
        }
        confirmLabel={t("expenses.delete")}
        destructive
        onConfirm={async () => {
          await api.call(endpoints.expenses.delete, { params: { id: props.expense.id } })
          await forgetRecord(queryClient, props.expense.id)
          await invalidateExpenses(queryClient)
          showToast("success", t("expenses.deleted"))
          navigate("/expenses")
        }}
      />
    </>
  )
}

/** One expense: what was converted and checked, and (for `expenses.manage`) edit and delete. */
export const ExpensePage = () => {
  const { t } = useI18n()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const query = createExpenseQuery(() => params.id)
  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "expense-not-found",
          icon: <ReceiptText size={22} />,
          title: t("expenses.notFound"),
          description: t("expenses.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(expense) => (
          <>
            <PageHeader
              title={t(`expenses.category_${expense().category}`)}
              description={expense().vendor ?? expense().description ?? undefined}
              actions={<BackLink />}
            />
            <ExpenseFacts expense={expense()} />
            <Show when={session.can("expenses.manage")}>
              <Show when={expense().id} keyed>
                <EditExpense expense={expense()} />
              </Show>
            </Show>
            <DocumentsPanel entityType="expense" entityId={expense().id} />
          </>
        )}
      </RecordState>
    </div>
  )
}
