import "./adminPages.css"
import { endpoints } from "@fleetcore/contract"
import { A, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ArrowLeft, Building2, CirclePause, CirclePlay } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { showToast } from "../../ui/toast"
import { OrganisationEditForm } from "./OrganisationEditForm"
import { OrganisationStatusBadge } from "./OrganisationStatusBadge"
import type { OrganisationView } from "./organisationForm"
import { createOrganisationQuery, invalidateOrganisations } from "./organisationQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/organisations" class="button button--ghost" data-testid="org-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("organisations.back")}</span>
    </A>
  )
}

/** Suspending stops sign-ins and ingest; reactivating lets them in again. Asks first. */
const StatusPanel = (props: { readonly organisation: OrganisationView }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [open, setOpen] = createSignal(false)
  const suspended = () => props.organisation.status === "suspended"
  const change = async () => {
    const next = suspended() ? "active" : "suspended"
    const saved = await api.call(endpoints.organisations.update, {
      params: { id: props.organisation.id },
      body: { status: next },
    })
    await invalidateOrganisations(queryClient)
    showToast(
      "success",
      t(next === "suspended" ? "organisations.suspendedToast" : "organisations.reactivatedToast", {
        name: saved.name,
      }),
    )
  }
  return (
    <section class="panel" data-testid="org-status-panel">
      <div class="panel__header">
        <h2>{t("organisations.access")}</h2>
        <p class="muted">{suspended() ? t("organisations.suspendedText") : t("organisations.activeText")}</p>
      </div>
      <div class="form__actions form__actions--start">
        <button
          type="button"
          class={suspended() ? "button button--primary" : "button button--danger-outline"}
          data-testid={suspended() ? "org-reactivate" : "org-suspend"}
          onClick={() => setOpen(true)}
        >
          {suspended() ? (
            <CirclePlay size={16} aria-hidden="true" />
          ) : (
            <CirclePause size={16} aria-hidden="true" />
          )}
          <span>{suspended() ? t("organisations.reactivate") : t("organisations.suspend")}</span>
        </button>
      </div>
      <ConfirmDialog
        open={open()}
        onOpenChange={setOpen}
        title={t(suspended() ? "organisations.reactivateTitle" : "organisations.suspendTitle", {
          name: props.organisation.name,
        })}
        description={
          <p>{suspended() ? t("organisations.reactivateConfirm") : t("organisations.suspendConfirm")}</p>
        }
        confirmLabel={suspended() ? t("organisations.reactivate") : t("organisations.suspend")}
        destructive={!suspended()}
        onConfirm={change}
      />
    </section>
  )
}

/** One organisation (owner): its figures, its details and settings to edit, suspend or reactivate. */
export const OrganisationPage = () => {
  const { t, format } = useI18n()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const query = createOrganisationQuery(() => params.id)

  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "org-not-found",
          icon: <Building2 size={22} />,
          title: t("organisations.notFound"),
          description: t("organisations.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(org) => (
          <>
            <PageHeader
              title={org().name}
              description={org().description ?? undefined}
              actions={<BackLink />}
            />
            <section class="panel">
              <dl class="facts" data-testid="org-facts">
                <dt>{t("organisations.status")}</dt>
                <dd>
                  <OrganisationStatusBadge status={org().status} />
                  <Show when={org().id === session.user()?.homeOrgId}>
                    {" "}
                    <span class="badge">{t("organisations.home")}</span>
                  </Show>
                </dd>
                <dt>{t("organisations.users")}</dt>
                <dd data-testid="org-user-count">{format().integer(org().userCount)}</dd>
                <dt>{t("organisations.vehicles")}</dt>
                <dd>{format().integer(org().vehicleCount)}</dd>
                <dt>{t("organisations.createdAt")}</dt>
                <dd>{format().dateTime(Date.parse(org().createdAt))}</dd>
                <dt>{t("organisations.slug")}</dt>
                <dd class="mono">{org().slug}</dd>
              </dl>
            </section>
            <section class="panel">
              <div class="panel__header">
                <h2>{t("organisations.details")}</h2>
              </div>
              <Show when={org().id} keyed>
                <OrganisationEditForm organisation={org()} scope="any" />
              </Show>
            </section>
            <StatusPanel organisation={org()} />
          </>
        )}
      </RecordState>
    </div>
  )
}
