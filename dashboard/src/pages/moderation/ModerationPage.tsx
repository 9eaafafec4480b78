import {
  CENTRE_STATUSES,
  type Centre,
  DISPUTE_OUTCOMES,
  endpoints,
  type ServiceVisit,
} from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Schema } from "effect"
import { createMemo, createSignal, For } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { ItemDialog } from "../../ui/ItemDialog"
import { PageHeader } from "../../ui/PageHeader"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { showToast } from "../../ui/toast"
import { SuspiciousSearches } from "./SuspiciousSearches"
import "../vehicleAccess/vehicleAccess.css"

type CentreRow = typeof Centre.Encoded
type Visit = typeof ServiceVisit.Encoded

const SettleForm = Schema.Struct({
  outcome: Schema.Literals(DISPUTE_OUTCOMES),
  note: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(2000)),
})

/**
 * The moderators' page (issue 16): service centres by verification status (those waiting for
 * review first; a row opens the centre), disputed visits to settle, and search patterns that look
 * like fishing for vehicles.
 */
export const ModerationPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const [status, setStatus] = createSignal<string>("submitted")
  const centres = useQuery(() => ({
    queryKey: [endpoints.moderation.centres.id, status()] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.moderation.centres,
        {
          query: { pageSize: "200", ...(status() === "" ? {} : { status: status() as CentreRow["status"] }) },
        },
        signal,
      ),
  }))
  const disputes = useQuery(() => ({
    queryKey: [endpoints.visits.disputes.id, "open"] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.visits.disputes, { query: { settled: "false", pageSize: "200" } }, signal),
  }))
  const [settling, setSettling] = createSignal<Visit | null>(null)
  const centreColumns = createMemo(
    (): ReadonlyArray<ColumnDef<CentreRow, unknown>> => [
      {
        id: "name",
        header: t("moderation.name"),
        cell: (c) => <strong data-testid="moderation-centre">{c.row.original.name}</strong>,
      },
      { id: "country", header: t("moderation.country"), cell: (c) => c.row.original.country },
      { id: "taxId", header: t("moderation.taxId"), cell: (c) => c.row.original.taxId },
      {
        id: "status",
        header: t("moderation.status"),
        cell: (c) => t(`moderation.status_${c.row.original.status}`),
      },
      {
        id: "submitted",
        header: t("moderation.submittedAt"),
        cell: (c) =>
          c.row.original.submittedAt === null
            ? "—"
            : format().dateTime(Date.parse(c.row.original.submittedAt)),
      },
    ],
  )
  const disputeColumns = createMemo(
    (): ReadonlyArray<ColumnDef<Visit, unknown>> => [
      {
        id: "centre",
        header: t("moderation.name"),
        cell: (c) => <strong>{c.row.original.centreName}</strong>,
      },
      { id: "vehicle", header: t("moderation.vehicle"), cell: (c) => c.row.original.vehicleName ?? "—" },
      {
        id: "total",
        header: t("moderation.total"),
        cell: (c) => format().money(c.row.original.total, c.row.original.currency),
        meta: { align: "end" },
      },
      {
        id: "disputedAt",
        header: t("moderation.disputedAt"),
        cell: (c) =>
          c.row.original.disputedAt === null ? "—" : format().dateTime(Date.parse(c.row.original.disputedAt)),
      },
      { id: "reason", header: t("moderation.reason"), cell: (c) => c.row.original.disputeReason ?? "" },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <button
            type="button"
            class="button button--primary"
            data-testid="dispute-settle"
            onClick={() => setSettling(c.row.original)}
          >
            {t("moderation.settle")}
          </button>
        ),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <div class="page vehicle-access" data-testid="moderation">
      <PageHeader title={t("moderation.title")} description={t("moderation.description")} />
      <section class="panel" data-testid="moderation-centres">
        <div class="panel__header">
          <h2 class="panel__title">{t("moderation.centres")}</h2>
          <label class="field field--inline">
            <span class="field__label">{t("moderation.status")}</span>
            <select
              class="input"
              value={status()}
              data-testid="moderation-status"
              onChange={(e) => setStatus(e.currentTarget.value)}
            >
              <For each={CENTRE_STATUSES}>
                {(s) => <option value={s}>{t(`moderation.status_${s}`)}</option>}
              </For>
            </select>
          </label>
        </div>
        <DataTable
          id="moderation-centres"
          label={t("moderation.centres")}
          columns={centreColumns()}
          result={listResultOf(centres)}
          url={fixedTableState(200)}
          rowId={(row) => row.id}
          rowHref={(row) => `/moderation/centres/${row.id}`}
          export={{ path: endpoints.listExports.centreModeration.path, query: () => ({ status: status() }) }}
          compact
          empty={{ title: t("moderation.centresEmpty") }}
        />
      </section>
      <section class="panel" data-testid="moderation-disputes">
        <h2 class="panel__title">{t("moderation.disputes")}</h2>
        <DataTable
          id="moderation-disputes"
          label={t("moderation.disputes")}
          columns={disputeColumns()}
          result={listResultOf(disputes)}
          url={fixedTableState(200)}
          rowId={(row) => row.id}
          export={{ path: endpoints.listExports.visitDisputes.path, query: () => ({ settled: "false" }) }}
          compact
          empty={{ title: t("moderation.disputesEmpty") }}
        />
      </section>
      <SuspiciousSearches />
      <ItemDialog item={settling()} onClose={() => setSettling(null)} testId="settle-dialog">
        {(visit) => <Settle visit={visit()} onDone={() => setSettling(null)} />}
      </ItemDialog>
    </div>
  )
}

const Settle = (props: { readonly visit: Visit; readonly onDone: () => void }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: SettleForm,
    defaultValues: { outcome: "upheld" as (typeof DISPUTE_OUTCOMES)[number], note: "" },
    onSubmit: async (v) => {
      await api.call(endpoints.visits.settle, { params: { id: props.visit.id }, body: v })
      await queryClient.invalidateQueries({ queryKey: [endpoints.visits.disputes.id] })
      showToast("success", t("moderation.settled"))
      props.onDone()
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="settle-form" novalidate>
      <h2>{t("moderation.settleTitle", { centre: props.visit.centreName })}</h2>
      <p class="muted">{props.visit.disputeReason}</p>
      <form.form.Field name="outcome">
        {(field) => (
          <SelectField
            field={field}
            label={t("moderation.outcome")}
            options={DISPUTE_OUTCOMES.map((o) => ({ value: o, label: t(`moderation.outcome_${o}`) }))}
            testId="settle-outcome"
            {...form.serverProps("outcome")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="note">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("moderation.note")}
            rows={3}
            maxLength={2000}
            testId="settle-note"
            {...form.serverProps("note")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("moderation.settle")}
          submittingLabel={t("moderation.settle")}
          testId="settle-submit"
        />
      </div>
    </form>
  )
}
