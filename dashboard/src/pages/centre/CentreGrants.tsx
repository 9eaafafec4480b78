import { type AccessGrant, CURRENCIES, endpoints } from "@fleetcore/contract"
import { useNavigate } from "@solidjs/router"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Schema } from "effect"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { type NumberRule, numberOf, numberText } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { ItemDialog } from "../../ui/ItemDialog"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { showToast } from "../../ui/toast"
import { ProposeChangeForm } from "../vehicleAccess/ProposeChangeForm"

type Grant = typeof AccessGrant.Encoded

/** Whole kilometres, up to eight digits. */
const KM: NumberRule = { fractionDigits: 0, max: 99_999_999 }

const openVisitForm = (locale: Locale) =>
  Schema.Struct({
    odometerKm: numberText(locale, KM),
    complaint: Schema.String.check(Schema.isTrimmed(), Schema.isMaxLength(4000)),
    currency: Schema.Literals(CURRENCIES),
  })

const vehicleOf = (g: Grant) => [g.vehicle.plate, g.vehicle.name].filter(Boolean).join(" · ")

/**
 * The vehicles fleets gave the centre access to, in force now: which fleet, what access, until
 * when; with service access a visit is opened here (the odometer on arrival, the complaint), and a
 * correction of the vehicle's critical data proposed for its managers to approve.
 */
export const CentreGrants = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const grants = useQuery(() => ({
    queryKey: [endpoints.centreAccess.grants.id, "active"] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.centreAccess.grants, { query: { active: "true", pageSize: "200" } }, signal),
  }))
  const [opening, setOpening] = createSignal<Grant | null>(null)
  const [proposing, setProposing] = createSignal<Grant | null>(null)
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Grant, unknown>> => [
      {
        id: "vehicle",
        header: t("centre.vehicle"),
        cell: (c) => (
          <div>
            <strong data-testid="grant-vehicle">{vehicleOf(c.row.original)}</strong>
            <div class="muted">
              {[
                c.row.original.vehicle.make,
                c.row.original.vehicle.model,
                c.row.original.vehicle.year,
                c.row.original.vehicle.vin,
              ]
                .filter((x) => x != null)
                .join(" ")}
            </div>
          </div>
        ),
      },
      { id: "fleet", header: t("centre.fleet"), cell: (c) => c.row.original.orgName },
      {
        id: "scope",
        header: t("centre.scope"),
        cell: (c) => t(`vehicleAccess.scope_${c.row.original.scope}`),
      },
      {
        id: "until",
        header: t("centre.until"),
        cell: (c) =>
          c.row.original.validUntil === null
            ? t("centre.noEnd")
            : format().dateTime(Date.parse(c.row.original.validUntil)),
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <Show when={c.row.original.scope === "service"}>
            <span class="vehicle-access__actions vehicle-access__actions--stack">
              <Show when={session.can("visits.record")}>
                <button
                  type="button"
                  class="button button--primary"
                  data-testid="grant-open-visit"
                  onClick={() => setOpening(c.row.original)}
                >
                  {t("centre.openVisit")}
                </button>
              </Show>
              <Show when={session.can("vehicleChanges.propose")}>
                <button
                  type="button"
                  class="button"
                  data-testid="grant-propose-change"
                  onClick={() => setProposing(c.row.original)}
                >
                  {t("vehicleAccess.proposeButton")}
                </button>
              </Show>
            </span>
          </Show>
        ),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <section class="panel" data-testid="centre-grants">
      <h2 class="panel__title">{t("centre.grants")}</h2>
      <DataTable
        id="centre-grants"
        label={t("centre.grants")}
        columns={columns()}
        result={listResultOf(grants)}
        url={fixedTableState(200)}
        rowId={(row) => row.id}
        export={{ path: endpoints.listExports.centreGrants.path, query: () => ({ active: "true" }) }}
        compact
        empty={{ title: t("centre.grantsEmpty") }}
      />
      <ItemDialog item={opening()} onClose={() => setOpening(null)} testId="open-visit-dialog">
        {(grant) => <OpenVisit grant={grant()} onDone={() => setOpening(null)} />}
      </ItemDialog>
      <ItemDialog item={proposing()} onClose={() => setProposing(null)} testId="propose-change-dialog">
        {(grant) => (
          <>
            <h2>{t("vehicleAccess.proposeDialogTitle", { vehicle: vehicleOf(grant()) })}</h2>
            <p class="muted">{t("vehicleAccess.proposeHint")}</p>
            <ProposeChangeForm vehicleId={grant().vehicle.id} onDone={() => setProposing(null)} />
          </>
        )}
      </ItemDialog>
    </section>
  )
}

const OpenVisit = (props: { readonly grant: Grant; readonly onDone: () => void }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: openVisitForm(locale()),
    defaultValues: { odometerKm: "", complaint: "", currency: "KZT" as (typeof CURRENCIES)[number] },
    onSubmit: async (v) => {
      const visit = await api.call(endpoints.visits.open, {
        body: {
          vehicleId: props.grant.vehicle.id,
          odometerKm: numberOf(v.odometerKm, locale(), KM),
          currency: v.currency,
          ...(v.complaint === "" ? {} : { complaint: v.complaint }),
        },
      })
      await queryClient.invalidateQueries({ queryKey: [endpoints.visits.list.id] })
      showToast("success", t("centre.opened"))
      props.onDone()
      navigate(`/service-visits/${visit.id}`)
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="open-visit-form" novalidate>
      <h2>{t("centre.openVisitTitle", { vehicle: vehicleOf(props.grant) })}</h2>
      <form.form.Field name="odometerKm">
        {(field) => (
          <TextField
            field={field}
            label={t("centre.odometerArrival")}
            inputmode="numeric"
            data-testid="visit-odometer"
            invalid={t("centre.invalidNumber")}
            {...form.serverProps("odometerKm")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="currency">
        {(field) => (
          <SelectField
            field={field}
            label={t("centre.currency")}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            testId="visit-currency"
            {...form.serverProps("currency")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="complaint">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("centre.complaint")}
            rows={3}
            maxLength={4000}
            testId="visit-complaint"
            {...form.serverProps("complaint")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("centre.openVisit")}
          submittingLabel={t("centre.adding")}
          testId="visit-open"
        />
      </div>
    </form>
  )
}
