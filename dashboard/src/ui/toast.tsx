import { Toast, toaster } from "@kobalte/core/toast"
import { X } from "lucide-solid"
import { onCleanup, Show } from "solid-js"
import { Portal } from "solid-js/web"
import { useI18n } from "../i18n/I18nContext"

export type ToastKind = "success" | "error" | "warning" | "info"

/**
 * How many toasts show at once: a burst (the demo's live alerts) drops the oldest, so the newest
 * are the ones on screen (each notification stays counted on the bell and listed in the inbox).
 */
export const MAX_TOASTS = 3

/** The toasts on screen, oldest first (a toast leaves the list when it closes). */
const shown: Array<number> = []

/** A short message in the corner that goes away by itself (errors and warnings stay a little longer). */
export const showToast = (kind: ToastKind, title: string, description?: string): number => {
  const id = toaster.show((props) => (
    <ToastView toastId={props.toastId} kind={kind} title={title} description={description} />
  ))
  shown.push(id)
  while (shown.length > MAX_TOASTS) toaster.dismiss(shown.shift() as number)
  return id
}

const ToastView = (props: {
  readonly toastId: number
  readonly kind: ToastKind
  readonly title: string
  readonly description: string | undefined
}) => {
  // Rendered by the toast list, inside the app's providers.
  const { t } = useI18n()
  onCleanup(() => {
    const at = shown.indexOf(props.toastId)
    if (at >= 0) shown.splice(at, 1)
  })
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

/**
 * The room the toasts take at the bottom of the window, as `--toast-space` on the document: the
 * content area keeps that much free below its end, so its last row (a table's pagination, a form's
 * buttons) can always be scrolled clear of the toasts instead of lying under them.
 */
const reserveRoom = (list: HTMLElement) => {
  const root = document.documentElement
  const observer = new ResizeObserver(() => {
    const height = list.getBoundingClientRect().height
    const below = window.innerHeight - list.getBoundingClientRect().bottom
    root.style.setProperty("--toast-space", height > 0 ? `${Math.ceil(height + below + 8)}px` : "0px")
  })
  observer.observe(list)
  onCleanup(() => {
    observer.disconnect()
    root.style.removeProperty("--toast-space")
  })
}

/** Where toasts appear, newest on top; mounted once by the app. */
export const Toaster = () => {
  const { t } = useI18n()
  return (
    <Portal>
      <Toast.Region aria-label={t("common.notifications")} limit={MAX_TOASTS} swipeDirection="right">
        <Toast.List class="toast-list" ref={reserveRoom} />
      </Toast.Region>
    </Portal>
  )
}
