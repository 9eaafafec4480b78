import { ACCESS_SCOPES, type AccessRequest, endpoints, type MaskedVehicle } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Schema } from "effect"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { PageHeader } from "../../ui/PageHeader"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { showToast } from "../../ui/toast"
import "../vehicleAccess/vehicleAccess.css"

type Request = typeof AccessRequest.Encoded
type Masked = typeof MaskedVehicle.Encoded

const Short = (max: number) => Schema.String.check(Schema.isTrimmed(), Schema.isMaxLength(max))
const RedeemForm = Schema.Struct({
  code: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(64)),
})
const SearchForm = Schema.Struct({ plate: Short(40), vin: Short(40) })
const RequestForm = Schema.Struct({ scope: Schema.Literals(ACCESS_SCOPES), message: Short(1000) })

const carOf = (t: ReturnType<typeof useI18n>["t"], v: Masked) =>
  [v.make, v.model, v.year].filter((x) => x != null).join(" ") || t("centre.unknownModel")

/**
 * How a service centre gets access to vehicles (issue 16): redeem a fleet's invite code, or find a
 * vehicle by plate or VIN (a masked card: make, model, year, never the owner) and ask its owner;
 * the centre's requests and what became of them.
 */
export const CentreAccessPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const requests = useQuery(() => ({
    queryKey: [endpoints.centreAccess.requests.id] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.centreAccess.requests, { query: { pageSize: "100" } }, signal),
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Request, unknown>> => [
      { id: "vehicle", header: t("centre.vehicle"), cell: (c) => carOf(t, c.row.original.vehicle) },
      {
        id: "scope",
        header: t("centre.scope"),
        cell: (c) => t(`vehicleAccess.scope_${c.row.original.scope}`),
      },
      {
        id: "status",
        header: t("centre.status"),
        cell: (c) => (
          <span data-testid="request-status">
            {t(`centre.request_${c.row.original.status}`)}
            <Show when={c.row.original.reason}>{(r) => <span class="muted"> · {r()}</span>}</Show>
          </span>
        ),
      },
      {
        id: "asked",
        header: t("centre.asked"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.createdAt)),
      },
    ],
  )
  return (
    <div class="page vehicle-access" data-testid="centre-access">
      <PageHeader title={t("centre.accessTitle")} description={t("centre.accessDescription")} />
      <Redeem />
      <Search />
      <section class="panel" data-testid="centre-requests">
        <h2 class="panel__title">{t("centre.requests")}</h2>
        <DataTable
          id="centre-requests"
          label={t("centre.requests")}
          columns={columns()}
          result={listResultOf(requests)}
          url={fixedTableState(100)}
          rowId={(row) => row.id}
          export={{ path: endpoints.listExports.centreRequests.path, query: () => ({}) }}
          compact
          empty={{ title: t("centre.requestsEmpty") }}
        />
      </section>
    </div>
  )
}

const Redeem = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: RedeemForm,
    defaultValues: { code: "" },
    onSubmit: async (v) => {
      const grants = await api.call(endpoints.centreAccess.redeem, { body: { code: v.code } })
      await queryClient.invalidateQueries({ queryKey: [endpoints.centreAccess.grants.id] })
      showToast("success", t("centre.redeemed", { count: format().integer(grants.length) }))
      form.form.reset()
    },
  })
  return (
    <section class="panel" data-testid="centre-redeem">
      <h2 class="panel__title">{t("centre.redeem")}</h2>
      <form class="form" onSubmit={form.handleSubmit} novalidate>
        <div class="form--row">
          <form.form.Field name="code">
            {(field) => (
              <TextField
                field={field}
                label={t("centre.code")}
                autocomplete="off"
                data-testid="redeem-code"
                invalid={t("centre.required")}
                {...form.serverProps("code")}
              />
            )}
          </form.form.Field>
        </div>
        <FormError error={form.formError()} />
        <div class="form__actions">
          <SubmitButton
            submitting={form.submitting()}
            label={t("centre.redeemSubmit")}
            submittingLabel={t("centre.adding")}
            testId="redeem-submit"
          />
        </div>
      </form>
    </section>
  )
}

const Search = () => {
  const { t } = useI18n()
  const api = useApi()
  const [found, setFound] = createSignal<{ searchId: string; vehicle: Masked | null } | null>(null)
  const form = createSchemaForm({
    schema: SearchForm,
    defaultValues: { plate: "", vin: "" },
    onSubmit: async (v) => {
      if ((v.plate === "") === (v.vin === "")) throw new Error(t("centre.searchEmpty"))
      const answer = await api.call(endpoints.centreAccess.search, {
        body: v.plate === "" ? { vin: v.vin } : { plate: v.plate },
      })
      setFound({ searchId: answer.searchId, vehicle: answer.found ? answer.vehicle : null })
    },
  })
  return (
    <section class="panel" data-testid="centre-search">
      <h2 class="panel__title">{t("centre.search")}</h2>
      <p class="muted">{t("centre.searchHint")}</p>
      <form class="form" onSubmit={form.handleSubmit} novalidate>
        <div class="form--row">
          <form.form.Field name="plate">
            {(field) => (
              <TextField
                field={field}
                label={t("centre.plate")}
                data-testid="search-plate"
                {...form.serverProps("plate")}
              />
            )}
          </form.form.Field>
          <form.form.Field name="vin">
            {(field) => (
              <TextField
                field={field}
                label={t("centre.vin")}
                data-testid="search-vin"
                {...form.serverProps("vin")}
              />
            )}
          </form.form.Field>
        </div>
        <FormError error={form.formError()} />
        <div class="form__actions">
          <SubmitButton
            submitting={form.submitting()}
            label={t("centre.searchSubmit")}
            submittingLabel={t("centre.searchSubmit")}
            testId="search-submit"
          />
        </div>
      </form>
      <Show when={found()}>
        {(f) => (
          <Show
            when={f().vehicle}
            fallback={
              <p role="status" data-testid="search-none">
                {t("centre.notFound")}
              </p>
            }
          >
            {(vehicle) => (
              <AskForAccess searchId={f().searchId} vehicle={vehicle()} onSent={() => setFound(null)} />
            )}
          </Show>
        )}
      </Show>
    </section>
  )
}

const AskForAccess = (props: {
  readonly searchId: string
  readonly vehicle: Masked
  readonly onSent: () => void
}) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: RequestForm,
    defaultValues: { scope: "service" as (typeof ACCESS_SCOPES)[number], message: "" },
    onSubmit: async (v) => {
      await api.call(endpoints.centreAccess.request, {
        body: {
          searchId: props.searchId,
          scope: v.scope,
          ...(v.message === "" ? {} : { message: v.message }),
        },
      })
      await queryClient.invalidateQueries({ queryKey: [endpoints.centreAccess.requests.id] })
      showToast("success", t("centre.requested"))
      props.onSent()
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="request-form" novalidate>
      <p role="status" data-testid="search-found">
        <strong>{t("centre.found", { vehicle: carOf(t, props.vehicle) })}</strong>
      </p>
      <form.form.Field name="scope">
        {(field) => (
          <SelectField
            field={field}
            label={t("centre.scope")}
            options={ACCESS_SCOPES.map((s) => ({ value: s, label: t(`vehicleAccess.scope_${s}`) }))}
            testId="request-scope"
            {...form.serverProps("scope")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="message">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("centre.message")}
            rows={2}
            maxLength={1000}
            testId="request-message"
            {...form.serverProps("message")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("centre.request")}
          submittingLabel={t("centre.adding")}
          testId="request-send"
        />
      </div>
    </form>
  )
}
