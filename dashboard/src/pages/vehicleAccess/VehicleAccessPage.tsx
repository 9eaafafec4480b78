import { ACCESS_SCOPES, type AccessGrant, type AccessRequest, endpoints } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, createSignal, For, type JSX, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayStartIn } from "../../i18n/timeZone"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { FormError } from "../../ui/form/FormError"
import { numberOf } from "../../ui/form/numberText"
import { VehiclePicker, vehicleChoice } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { ReasonDialog } from "../../ui/ReasonDialog"
import { StatusBadge } from "../../ui/StatusBadge"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { showToast } from "../../ui/toast"
import { CentreVisitsSection } from "./CentreVisitsSection"
import { ChangeRequestsSection } from "./ChangeRequestsSection"
import "./vehicleAccess.css"

type Grant = typeof AccessGrant.Encoded
type Request = typeof AccessRequest.Encoded
type Invite = (typeof endpoints.vehicleAccess.invites.response.Encoded)["items"][number]

const KEYS = [
  endpoints.vehicleAccess.grants.id,
  endpoints.vehicleAccess.requests.id,
  endpoints.vehicleAccess.invites.id,
] as const

/**
 * The fleet's side of service-centre access (issue 16, seed 002): hand a centre an invite code for
 * chosen vehicles, answer the centres' requests, and see and revoke every grant and open code. A
 * grant ends the moment it is revoked; the code is shown once, when it is made.
 */
export const VehicleAccessPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const refresh = () => Promise.all(KEYS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })))
  const grants = useQuery(() => ({
    queryKey: [endpoints.vehicleAccess.grants.id, "all"] as const,
    queryFn: ({ signal }) => api.call(endpoints.vehicleAccess.grants, { query: { pageSize: "100" } }, signal),
  }))
  const requests = useQuery(() => ({
    queryKey: [endpoints.vehicleAccess.requests.id, "pending"] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.vehicleAccess.requests, { query: { status: "pending", pageSize: "100" } }, signal),
  }))
  const invites = useQuery(() => ({
    queryKey: [endpoints.vehicleAccess.invites.id, "open"] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.vehicleAccess.invites, { query: { status: "open", pageSize: "100" } }, signal),
  }))
  const [revoking, setRevoking] = createSignal<Grant | null>(null)
  const [refusing, setRefusing] = createSignal<Request | null>(null)
  const scopeLabel = (scope: string) => t(`vehicleAccess.scope_${scope as "read" | "service"}`)
  const until = (iso: string | null) =>
    iso === null ? t("vehicleAccess.untilRevoked") : format().dateTime(Date.parse(iso))
  const act = async (work: () => Promise<unknown>, done: string) => {
    await work()
    await refresh()
    showToast("success", done)
  }

  const grantColumns = createMemo(
    (): ReadonlyArray<ColumnDef<Grant, unknown>> => [
      {
        id: "centre",
        header: t("vehicleAccess.centre"),
        cell: (c) => <strong>{c.row.original.centreName}</strong>,
      },
      {
        id: "vehicle",
        header: t("vehicleAccess.vehicle"),
        cell: (c) => vehicleChoice(c.row.original.vehicle).label,
      },
      { id: "scope", header: t("vehicleAccess.scope"), cell: (c) => scopeLabel(c.row.original.scope) },
      {
        id: "until",
        header: t("vehicleAccess.validUntil"),
        cell: (c) =>
          c.row.original.revokedAt === null
            ? until(c.row.original.validUntil)
            : t("vehicleAccess.revokedOn", { at: format().day(c.row.original.revokedAt.slice(0, 10)) }),
      },
      {
        id: "state",
        header: t("vehicleAccess.state"),
        cell: (c) => (
          <StatusBadge
            tone={c.row.original.active ? "success" : "warning"}
            status={c.row.original.active ? "active" : "ended"}
            label={c.row.original.active ? t("vehicleAccess.active") : t("vehicleAccess.ended")}
            testId="grant-state"
          />
        ),
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <Show when={c.row.original.active}>
            <button
              type="button"
              class="button"
              data-testid="grant-revoke"
              onClick={() => setRevoking(c.row.original)}
            >
              {t("vehicleAccess.revoke")}
            </button>
          </Show>
        ),
        meta: { align: "end" },
      },
    ],
  )

  const requestColumns = createMemo(
    (): ReadonlyArray<ColumnDef<Request, unknown>> => [
      {
        id: "centre",
        header: t("vehicleAccess.centre"),
        cell: (c) => <strong>{c.row.original.centreName}</strong>,
      },
      {
        id: "vehicle",
        header: t("vehicleAccess.vehicle"),
        cell: (c) => (
          <div>
            <strong data-testid="request-vehicle">{c.row.original.vehicleName ?? "—"}</strong>
            <div class="muted">
              {[c.row.original.vehicle.make, c.row.original.vehicle.model, c.row.original.vehicle.year]
                .filter((x) => x != null)
                .join(" ")}
            </div>
          </div>
        ),
      },
      { id: "scope", header: t("vehicleAccess.scope"), cell: (c) => scopeLabel(c.row.original.scope) },
      {
        id: "message",
        header: t("vehicleAccess.message"),
        cell: (c) => <span class="truncate">{c.row.original.message ?? ""}</span>,
      },
      {
        id: "at",
        header: t("vehicleAccess.asked"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.createdAt)),
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <span class="vehicle-access__actions">
            <button
              type="button"
              class="button button--primary"
              data-testid="request-approve"
              onClick={() =>
                void act(
                  () =>
                    api.call(endpoints.vehicleAccess.decide, {
                      params: { id: c.row.original.id },
                      body: { approve: true },
                    }),
                  t("vehicleAccess.approved", { centre: c.row.original.centreName }),
                )
              }
            >
              {t("vehicleAccess.approve")}
            </button>
            <button
              type="button"
              class="button"
              data-testid="request-refuse"
              onClick={() => setRefusing(c.row.original)}
            >
              {t("vehicleAccess.refuse")}
            </button>
          </span>
        ),
        meta: { align: "end" },
      },
    ],
  )

  const inviteColumns = createMemo(
    (): ReadonlyArray<ColumnDef<Invite, unknown>> => [
      {
        id: "made",
        header: t("vehicleAccess.made"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.createdAt)),
      },
      {
        id: "vehicles",
        header: t("vehicleAccess.vehicles"),
        cell: (c) => format().integer(c.row.original.vehicleIds.length),
      },
      { id: "scope", header: t("vehicleAccess.scope"), cell: (c) => scopeLabel(c.row.original.scope) },
      {
        id: "expires",
        header: t("vehicleAccess.codeExpires"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.expiresAt)),
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <button
            type="button"
            class="button"
            data-testid="invite-revoke"
            onClick={() =>
              void act(
                () => api.call(endpoints.vehicleAccess.revokeInvite, { params: { id: c.row.original.id } }),
                t("vehicleAccess.codeWithdrawn"),
              )
            }
          >
            {t("vehicleAccess.withdraw")}
          </button>
        ),
        meta: { align: "end" },
      },
    ],
  )

  return (
    <div class="page vehicle-access" data-testid="vehicle-access">
      <PageHeader title={t("vehicleAccess.title")} description={t("vehicleAccess.description")} />
      <InviteForm onMade={() => void refresh()} />
      <Show when={session.can("visits.read")}>
        <CentreVisitsSection />
      </Show>
      <Show when={session.can("vehicleChanges.read")}>
        <ChangeRequestsSection />
      </Show>
      <Section title={t("vehicleAccess.requests")} testId="access-requests">
        <DataTable
          id="access-requests"
          label={t("vehicleAccess.requests")}
          columns={requestColumns()}
          result={listResultOf(requests)}
          url={fixedTableState(100)}
          rowId={(row) => row.id}
          export={{ path: endpoints.listExports.accessRequests.path, query: () => ({ status: "pending" }) }}
          compact
          empty={{ title: t("vehicleAccess.requestsEmpty") }}
        />
      </Section>
      <Section title={t("vehicleAccess.grants")} testId="access-grants">
        <DataTable
          id="access-grants"
          label={t("vehicleAccess.grants")}
          columns={grantColumns()}
          result={listResultOf(grants)}
          url={fixedTableState(100)}
          rowId={(row) => row.id}
          export={{ path: endpoints.listExports.accessGrants.path, query: () => ({}) }}
          compact
          empty={{ title: t("vehicleAccess.grantsEmpty") }}
        />
      </Section>
      <Section title={t("vehicleAccess.openCodes")} testId="access-invites">
        <DataTable
          id="access-invites"
          label={t("vehicleAccess.openCodes")}
          columns={inviteColumns()}
          result={listResultOf(invites)}
          url={fixedTableState(100)}
          rowId={(row) => row.id}
          export={{ path: endpoints.listExports.accessInvites.path, query: () => ({ status: "open" }) }}
          compact
          empty={{ title: t("vehicleAccess.codesEmpty") }}
        />
      </Section>
      <ConfirmDialog
        open={revoking() !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t("vehicleAccess.revokeTitle")}
        description={t("vehicleAccess.revokeText", { centre: revoking()?.centreName ?? "" })}
        confirmLabel={t("vehicleAccess.revoke")}
        destructive
        onConfirm={async () => {
          const grant = revoking()
          if (grant === null) return
          await act(
            () => api.call(endpoints.vehicleAccess.revoke, { params: { id: grant.id } }),
            t("vehicleAccess.revoked", { centre: grant.centreName }),
          )
        }}
      />
      <ReasonDialog
        open={refusing() !== null}
        onOpenChange={(open) => !open && setRefusing(null)}
        title={t("vehicleAccess.refuseTitle")}
        intro={t("vehicleAccess.refuseText", { centre: refusing()?.centreName ?? "" })}
        label={t("vehicleAccess.reason")}
        confirmLabel={t("vehicleAccess.refuse")}
        testId="refuse-reason"
        onConfirm={async (reason) => {
          const request = refusing()
          if (request === null) return
          await act(
            () =>
              api.call(endpoints.vehicleAccess.decide, {
                params: { id: request.id },
                body: { approve: false, ...(reason === "" ? {} : { reason }) },
              }),
            t("vehicleAccess.refused", { centre: request.centreName }),
          )
        }}
      />
    </div>
  )
}

const Section = (props: {
  readonly title: string
  readonly testId: string
  readonly children: JSX.Element
}) => (
  <section class="panel" data-testid={props.testId}>
    <h2 class="panel__title">{props.title}</h2>
    {props.children}
  </section>
)

/** An invite code for chosen vehicles: the scope, how long the code and the access last; shown once. */
const InviteForm = (props: { readonly onMade: () => void }) => {
  const { t, locale, zone } = useI18n()
  const api = useApi()
  const [vehicleIds, setVehicleIds] = createSignal<ReadonlyArray<string>>([])
  const [picking, setPicking] = createSignal("")
  const [scope, setScope] = createSignal<(typeof ACCESS_SCOPES)[number]>("service")
  const [hours, setHours] = createSignal("72")
  const [grantUntil, setGrantUntil] = createSignal("")
  const [code, setCode] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const made = await api.call(endpoints.vehicleAccess.createInvite, {
        body: {
          vehicleIds: [...vehicleIds()],
          scope: scope(),
          expiresInHours: numberOf(hours(), locale(), { fractionDigits: 0, min: 1, max: 720 }),
          ...(grantUntil() === ""
            ? {}
            : // Access lasts through the chosen day: until the next midnight in the UI's zone.
              { grantValidUntil: new Date(dayStartIn(grantUntil(), zone(), 1) - 1000).toISOString() }),
        },
      })
      setCode(made.code)
      setVehicleIds([])
      props.onMade()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="panel" data-testid="access-invite">
      <h2 class="panel__title">{t("vehicleAccess.inviteTitle")}</h2>
      <p class="muted">{t("vehicleAccess.inviteText")}</p>
      <form class="vehicle-access__form" onSubmit={(e) => void submit(e)}>
        <VehiclePicker
          label={t("vehicleAccess.addVehicle")}
          value={picking()}
          empty="—"
          name="invite-vehicle"
          testId="invite-vehicle"
          onChange={(id) => {
            if (id !== "" && !vehicleIds().includes(id)) setVehicleIds([...vehicleIds(), id])
            setPicking("")
          }}
        />
        <Show when={vehicleIds().length > 0}>
          <p data-testid="invite-chosen">{t("vehicleAccess.chosen", { count: vehicleIds().length })}</p>
        </Show>
        <label class="field">
          <span class="field__label">{t("vehicleAccess.scope")}</span>
          <select
            class="input"
            value={scope()}
            data-testid="invite-scope"
            onChange={(e) => setScope(e.currentTarget.value as "read" | "service")}
          >
            <For each={ACCESS_SCOPES}>
              {(s) => <option value={s}>{t(`vehicleAccess.scope_${s}`)}</option>}
            </For>
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t("vehicleAccess.codeHours")}</span>
          <input
            class="input"
            type="number"
            min="1"
            max="720"
            value={hours()}
            data-testid="invite-hours"
            onInput={(e) => setHours(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("vehicleAccess.grantUntil")}</span>
          <input
            class="input"
            type="date"
            value={grantUntil()}
            data-testid="invite-until"
            onInput={(e) => setGrantUntil(e.currentTarget.value)}
          />
        </label>
        <FormError error={error()} testId="invite-error" />
        <button
          type="submit"
          class="button button--primary"
          disabled={busy() || vehicleIds().length === 0}
          data-testid="invite-make"
        >
          {t("vehicleAccess.makeCode")}
        </button>
      </form>
      <Show when={code()}>
        {(c) => (
          <div class="vehicle-access__code" role="status">
            <span>{t("vehicleAccess.codeOnce")}</span>
            <code data-testid="invite-code">{c()}</code>
          </div>
        )}
      </Show>
    </section>
  )
}
