import type { PasswordLink } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { Copy, KeyRound } from "lucide-solid"
import { useI18n } from "../../i18n/I18nContext"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { ItemDialog } from "../../ui/ItemDialog"
import { showToast } from "../../ui/toast"

export type PasswordLinkView = (typeof PasswordLink)["Encoded"]

/**
 * A user's one-time set-password link, shown once (the server keeps only its digest): the admin
 * copies it and hands it to the user. Closing the dialog is the last chance to copy it.
 */
export const PasswordLinkDialog = (props: {
  readonly link: { readonly user: string; readonly link: PasswordLinkView } | null
  readonly onClose: () => void
}) => {
  const { t, format } = useI18n()
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url)
      showToast("success", t("users.linkCopied"))
    } catch {
      showToast("error", t("users.linkCopyFailed"))
    }
  }
  return (
    <ItemDialog item={props.link} onClose={props.onClose} testId="password-link-dialog">
      {(shown) => (
        <>
          <div class="dialog__header">
            <Dialog.Title class="dialog__title icon-label">
              <KeyRound size={18} aria-hidden="true" />
              {t("users.linkTitle", { user: shown().user })}
            </Dialog.Title>
          </div>
          <Dialog.Description as="div" class="dialog__description">
            <p>{t("users.linkText")}</p>
            <p class="notice" data-testid="password-link-once">
              {t("users.linkOnce", {
                expires: format().dateTime(Date.parse(shown().link.expiresAt)),
              })}
            </p>
          </Dialog.Description>
          <div class="copy-field">
            <input
              class="input mono"
              readOnly
              aria-label={t("users.linkLabel")}
              data-testid="password-link-url"
              value={shown().link.url}
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              class="button"
              data-testid="password-link-copy"
              onClick={() => void copy(shown().link.url)}
            >
              <Copy size={16} aria-hidden="true" />
              <span>{t("users.linkCopy")}</span>
            </button>
          </div>
          <div class="dialog__actions">
            <DialogTextClose
              label={t("users.linkDone")}
              class="button button--primary"
              testId="password-link-done"
            />
          </div>
        </>
      )}
    </ItemDialog>
  )
}
