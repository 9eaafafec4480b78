import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { KeyRound, UserCheck, UserX } from "lucide-solid"
import { createSignal } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { PasswordLinkDialog, type PasswordLinkView } from "./PasswordLinkDialog"
import type { UserView } from "./userForm"
import { invalidateUsers } from "./userQueries"

/** Deactivate or reactivate a user, or give them a new set-password link; each asks first. */
export const UserAccessPanel = (props: { readonly user: UserView }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [confirm, setConfirm] = createSignal<"status" | "link" | null>(null)
  const [link, setLink] = createSignal<PasswordLinkView | null>(null)
  const disabled = () => props.user.status === "disabled"

  const changeStatus = async () => {
    const saved = await api.call(endpoints.users.update, {
      params: { id: props.user.id },
      body: { disabled: !disabled() },
    })
    await invalidateUsers(queryClient)
    showToast(
      "success",
      t(saved.status === "disabled" ? "users.deactivated" : "users.reactivated", { name: saved.name }),
    )
  }
  const newLink = async () => {
    setLink(await api.call(endpoints.users.passwordLink, { params: { id: props.user.id } }))
    await invalidateUsers(queryClient)
  }

  return (
    <section class="panel" data-testid="user-access">
      <div class="panel__header">
        <h2>{t("users.access")}</h2>
        <p class="muted">{disabled() ? t("users.disabledText") : t("users.accessText")}</p>
      </div>
      <div class="form__actions form__actions--start">
        <button type="button" class="button" data-testid="user-new-link" onClick={() => setConfirm("link")}>
          <KeyRound size={16} aria-hidden="true" />
          <span>{t("users.newLink")}</span>
        </button>
        <button
          type="button"
          class={disabled() ? "button button--primary" : "button button--danger-outline"}
          data-testid={disabled() ? "user-reactivate" : "user-deactivate"}
          onClick={() => setConfirm("status")}
        >
          {disabled() ? <UserCheck size={16} aria-hidden="true" /> : <UserX size={16} aria-hidden="true" />}
          <span>{disabled() ? t("users.reactivate") : t("users.deactivate")}</span>
        </button>
      </div>
      <ConfirmDialog
        open={confirm() === "status"}
        onOpenChange={(open) => setConfirm(open ? "status" : null)}
        title={t(disabled() ? "users.reactivateTitle" : "users.deactivateTitle", { name: props.user.name })}
        description={<p>{disabled() ? t("users.reactivateConfirm") : t("users.deactivateConfirm")}</p>}
        confirmLabel={disabled() ? t("users.reactivate") : t("users.deactivate")}
        destructive={!disabled()}
        onConfirm={changeStatus}
      />
      <ConfirmDialog
        open={confirm() === "link"}
        onOpenChange={(open) => setConfirm(open ? "link" : null)}
        title={t("users.newLinkTitle", { name: props.user.name })}
        description={<p>{t("users.newLinkConfirm")}</p>}
        confirmLabel={t("users.newLink")}
        onConfirm={newLink}
      />
      <PasswordLinkDialog
        link={(() => {
          const shown = link()
          return shown === null ? null : { user: props.user.email, link: shown }
        })()}
        onClose={() => setLink(null)}
      />
    </section>
  )
}
