import * as AlertDialog from "@kobalte/core/alert-dialog"
import { createSignal, type JSX } from "solid-js"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"
import { DialogTextClose } from "./DialogTextClose"

export interface ConfirmDialogProps {
  readonly open: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly title: string
  readonly description: JSX.Element
  /** The action's own words ("Suspend organisation"), never just "OK". */
  readonly confirmLabel: string
  /** Destructive actions get the danger colour. */
  readonly destructive?: boolean
  /** Runs the action; the dialog stays open (showing the error) if it fails. */
  readonly onConfirm: () => Promise<void>
}

/** Asks before an action that cannot be undone; focus starts on Cancel. */
export const ConfirmDialog = (props: ConfirmDialogProps) => {
  const { t } = useI18n()
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const confirm = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await props.onConfirm()
      props.onOpenChange(false)
    } catch (cause) {
      setError(() => cause)
    } finally {
      setBusy(false)
    }
  }
  return (
    <AlertDialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (!busy()) {
          setError(undefined)
          props.onOpenChange(open)
        }
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <AlertDialog.Content class="dialog" data-testid="confirm-dialog">
            <AlertDialog.Title class="dialog__title">{props.title}</AlertDialog.Title>
            <AlertDialog.Description as="div" class="dialog__description">
              {props.description}
            </AlertDialog.Description>
            {error() !== undefined && (
              <p class="error-banner" role="alert">
                {errorMessage(t, error())}
              </p>
            )}
            <div class="dialog__actions">
              <DialogTextClose label={t("common.cancel")} disabled={busy()} autofocus />
              <button
                type="button"
                class={props.destructive ? "button button--danger" : "button button--primary"}
                data-testid="confirm-dialog-confirm"
                disabled={busy()}
                onClick={confirm}
              >
                {props.confirmLabel}
              </button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
