import { Toast, toaster } from "@kobalte/core/toast"
import { X } from "lucide-solid"
import { Show } from "solid-js"
import { Portal } from "solid-js/web"
import { useI18n } from "../i18n/I18nContext"

export type ToastKind = "success" | "error" | "warning" | "info"

/** A short message in the corner that goes away by itself (errors and warnings stay a little longer). */
export const showToast = (kind: ToastKind, title: string, description?: string): number =>
  toaster.show((props) => (
    <ToastView toastId={props.toastId} kind={kind} title={title} description={description} />
  ))

const ToastView = (props: {
  readonly toastId: number
  readonly kind: ToastKind
  readonly title: string
  readonly description: string | undefined
}) => {
  // Rendered by the toast list, inside the app's providers.
  const { t } = useI18n()
  return (
    <Toast
      toastId={props.toastId}
      class={`toast toast--${props.kind}`}
      data-testid="toast"
      data-kind={props.kind}
      duration={props.kind === "error" || props.kind === "warning" ? 8_000 : 4_000}
    >
      <div class="toast__body">
        <Toast.Title class="toast__title">{props.title}</Toast.Title>
        <Show when={props.description}>
          <Toast.Description class="toast__description">{props.description}</Toast.Description>
        </Show>
      </div>
      <Toast.CloseButton class="icon-button toast__close" aria-label={t("common.close")}>
        <X size={16} />
      </Toast.CloseButton>
    </Toast>
  )
}

/** Where toasts appear; mounted once by the app. */
export const Toaster = () => {
  const { t } = useI18n()
  return (
    <Portal>
      <Toast.Region aria-label={t("common.notifications")} limit={4} swipeDirection="right">
        <Toast.List class="toast-list" />
      </Toast.Region>
    </Portal>
  )
}
