import { Toast, toaster } from "@kobalte/core/toast"
import { A } from "@solidjs/router"
import { X } from "lucide-solid"
import { createSignal, onCleanup, Show } from "solid-js"
import { Portal } from "solid-js/web"
import { useI18n } from "../i18n/I18nContext"

export type ToastKind = "success" | "error" | "warning" | "info"

/**
 * How many toasts show at once: a burst (the demo's live alerts) drops the oldest, so the newest
 * are the ones on screen (each notification stays counted on the bell and listed in the inbox).
 */
export const MAX_TOASTS = 3

/** The toasts on screen, oldest first (a toast leaves the list when it closes). */
const shown: Array<{ readonly id: number; readonly inbox: boolean }> = []

/**
 * The toasts newer ones pushed off the screen while some are still shown: "+N more" says so above
 * them, a link to the inbox when any of them was a notification. Forgotten when the last one closes.
 */
const [pushedOff, setPushedOff] = createSignal({ count: 0, inbox: false })

/**
 * A short message in the corner that goes away by itself (errors and warnings stay a little longer).
 * `inbox`: it announces a notification, which the inbox lists (a "+N more" then leads there).
 */
export const showToast = (
  kind: ToastKind,
  title: string,
  description?: string,
  options: { readonly inbox?: boolean } = {},
): number => {
  const id = toaster.show((props) => (
    <ToastView toastId={props.toastId} kind={kind} title={title} description={description} />
  ))
  shown.push({ id, inbox: options.inbox === true })
  while (shown.length > MAX_TOASTS) {
    const oldest = shown.shift()
    if (oldest === undefined) break
    toaster.dismiss(oldest.id)
    setPushedOff((p) => ({ count: p.count + 1, inbox: p.inbox || oldest.inbox }))
  }
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
    const at = shown.findIndex((s) => s.id === props.toastId)
    if (at >= 0) shown.splice(at, 1)
    if (shown.length === 0) setPushedOff({ count: 0, inbox: false })
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

/** "+N more" above the toasts: how many newer ones pushed off the screen; to the inbox when it has them. */
const PushedOff = () => {
  const { t, format } = useI18n()
  const text = () => t("common.moreToasts", { count: format().integer(pushedOff().count) })
  return (
    <Show when={pushedOff().count > 0}>
      <Show
        when={pushedOff().inbox}
        fallback={
          <span class="toast-more" data-testid="toast-more">
            {text()}
          </span>
        }
      >
        <A
          href="/notifications"
          class="toast-more toast-more--link"
          data-testid="toast-more"
          title={t("common.moreToastsOpen")}
          onClick={() => setPushedOff({ count: 0, inbox: false })}
        >
          {text()}
        </A>
      </Show>
    </Show>
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

/** Where toasts appear, newest on top under "+N more"; mounted once by the app. */
export const Toaster = () => {
  const { t } = useI18n()
  return (
    <Portal>
      <Toast.Region
        class="toast-region"
        ref={reserveRoom}
        aria-label={t("common.notifications")}
        limit={MAX_TOASTS}
        swipeDirection="right"
      >
        <PushedOff />
        <Toast.List class="toast-list" />
      </Toast.Region>
    </Portal>
  )
}
