import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Trash2, UserRoundCheck, UserRoundMinus, UserRoundX } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { forgetRecord } from "../../api/forgetRecord"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { PasswordLinkDialog, type PasswordLinkView } from "../users/PasswordLinkDialog"
import { CreateLoginButton } from "./CreateLoginDialog"
import { DriverFormView } from "./DriverFormView"
import { DriverStatusBadge } from "./DriverStatusBadge"
import { type DriverDetailView, driverBody, driverValues } from "./driverForm"
import { invalidateDrivers } from "./driverQueries"
import { ExpiryDate } from "./ExpiryBadge"

type Status = DriverDetailView["status"]

/** The driver's facts; for managers the edit form, status changes, deletion and their login. */
export const DriverInfoTab = (props: { readonly driver: DriverDetailView }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [confirm, setConfirm] = createSignal<Status | "delete" | null>(null)
  const [link, setLink] = createSignal<{ user: string; link: PasswordLinkView } | null>(null)
  const d = () => props.driver
  const setStatus = async (status: Status) => {
    await api.call(endpoints.drivers.setStatus, { params: { id: d().id }, body: { status } })
    await invalidateDrivers(queryClient)
    showToast("success", t(`drivers.statusChanged_${status}`, { name: d().fullName }))
  }
  const remove = async () => {
    await api.call(endpoints.drivers.delete, { params: { id: d().id } })
    await forgetRecord(queryClient, d().id)
    await invalidateDrivers(queryClient)
    showToast("success", t("drivers.deleted", { name: d().fullName }))
    navigate("/drivers")
  }
  return (
    <div class="driver-info">
      <section class="panel">
        <dl class="facts" data-testid="driver-facts">
          <dt>{t("drivers.status")}</dt>
          <dd>
            <DriverStatusBadge status={d().status} />
          </dd>
          <dt>{t("drivers.phone")}</dt>
          <dd>{d().phone ?? "—"}</dd>
          <dt>{t("drivers.email")}</dt>
          <dd>{d().email ?? "—"}</dd>
          <dt>{t("drivers.licenceNumber")}</dt>
          <dd>{d().licenceNumber ?? "—"}</dd>
          <dt>{t("drivers.categories")}</dt>
          <dd data-testid="driver-facts-categories">{d().licenceCategories.join(", ") || "—"}</dd>
          <dt>{t("drivers.licenceExpiresOn")}</dt>
          <dd>
            <ExpiryDate date={d().licenceExpiresOn} testId="driver-licence-expiry" />
          </dd>
          <dt>{t("drivers.medicalExpiresOn")}</dt>
          <dd>
            <ExpiryDate date={d().medicalExpiresOn} testId="driver-medical-expiry" />
          </dd>
          <dt>{t("drivers.hiredOn")}</dt>
          <dd>{d().hiredOn === null ? "—" : format().day(d().hiredOn ?? "")}</dd>
          <dt>{t("drivers.department")}</dt>
          <dd>{d().department ?? "—"}</dd>
          <dt>{t("drivers.team")}</dt>
          <dd>
            <Show when={d().team} fallback="—">
              {(team) => (
                <Show when={session.can("drivers.read")} fallback={team().name}>
                  <A href={`/teams/${team().id}`}>{team().name}</A>
                </Show>
              )}
            </Show>
          </dd>
          <dt>{t("drivers.login")}</dt>
          <dd data-testid="driver-login">
            <Show
              when={d().login}
              fallback={
                <span class="icon-label">
                  <span class="muted">{t("drivers.noLogin")}</span>
                  <Show when={session.can("users.manage") && d().status !== "terminated"}>
                    <CreateLoginButton driver={d()} onCreated={setLink} />
                  </Show>
                </span>
              }
            >
              {(login) => (
                <Show when={session.can("users.read")} fallback={login().email}>
                  <A href={`/users/${login().userId}`}>{login().email}</A>
                </Show>
              )}
            </Show>
          </dd>
        </dl>
        <Show when={d().notes}>
          <p class="driver-notes">{d().notes}</p>
        </Show>
      </section>
      <Show when={session.can("drivers.manage")}>
        <section class="panel">
          <div class="panel__header">
            <h2>{t("drivers.edit")}</h2>
          </div>
          <Show when={`${d().id}:${d().updatedAt}`} keyed>
            <DriverFormView
              initial={driverValues(d())}
              withStatus={false}
              submitLabel={t("common.save")}
              onSubmit={async (values) => {
                const saved = await api.call(endpoints.drivers.update, {
                  params: { id: d().id },
                  body: driverBody(values),
                })
                await invalidateDrivers(queryClient)
                showToast("success", t("drivers.saved", { name: saved.fullName }))
              }}
            />
          </Show>
        </section>
        <section class="panel">
          <div class="panel__header">
            <h2>{t("drivers.statusTitle")}</h2>
            <p class="muted">{t("drivers.statusText")}</p>
          </div>
          <div class="driver-actions">
            <Show when={d().status !== "active"}>
              <button
                type="button"
                class="button"
                data-testid="driver-activate"
                onClick={() => setConfirm("active")}
              >
                <UserRoundCheck size={16} aria-hidden="true" />
                <span>{t("drivers.activate")}</span>
              </button>
            </Show>
            <Show when={d().status === "active"}>
              <button
                type="button"
                class="button"
                data-testid="driver-leave"
                onClick={() => setConfirm("on_leave")}
              >
                <UserRoundMinus size={16} aria-hidden="true" />
                <span>{t("drivers.onLeave")}</span>
              </button>
            </Show>
            <Show when={d().status !== "terminated"}>
              <button
                type="button"
                class="button button--danger"
                data-testid="driver-terminate"
                onClick={() => setConfirm("terminated")}
              >
                <UserRoundX size={16} aria-hidden="true" />
                <span>{t("drivers.terminate")}</span>
              </button>
            </Show>
            <button
              type="button"
              class="button button--danger"
              data-testid="driver-delete"
              onClick={() => setConfirm("delete")}
            >
              <Trash2 size={16} aria-hidden="true" />
              <span>{t("drivers.delete")}</span>
            </button>
          </div>
        </section>
      </Show>
      <PasswordLinkDialog link={link()} onClose={() => setLink(null)} />
      <ConfirmDialog
        open={confirm() !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={
          confirm() === "delete"
            ? t("drivers.deleteTitle", { name: d().fullName })
            : t(`drivers.confirmTitle_${(confirm() ?? "active") as Status}`, { name: d().fullName })
        }
        description={
          confirm() === "delete"
            ? t("drivers.deleteText")
            : t(`drivers.confirmText_${(confirm() ?? "active") as Status}`)
        }
        confirmLabel={
          confirm() === "delete"
            ? t("drivers.delete")
            : t(`drivers.confirmLabel_${(confirm() ?? "active") as Status}`)
        }
        destructive={confirm() === "delete" || confirm() === "terminated"}
        onConfirm={async () => {
          const action = confirm()
          if (action === "delete") await remove()
          else if (action !== null) await setStatus(action)
        }}
      />
    </div>
  )
}
