import * as Dialog from "@kobalte/core/dialog"
import { type Accessor, type JSX, Show } from "solid-js"

/**
 * A wide modal dialog about one item: open while `item` is not null, its content rendered from
 * the item; closing it (Escape, the overlay, a close button) calls `onClose`.
 */
export const ItemDialog = <T,>(props: {
  readonly item: T | null
  readonly onClose: () => void
  readonly testId: string
  readonly children: (item: Accessor<NonNullable<T>>) => JSX.Element
}) => (
  <Dialog.Root open={props.item !== null} onOpenChange={(open) => !open && props.onClose()}>
    <Dialog.Portal>
      <Dialog.Overlay class="dialog__overlay" />
      <div class="dialog__positioner">
        <Dialog.Content class="dialog dialog--wide" data-testid={props.testId}>
          <Show when={props.item}>{(item) => props.children(item)}</Show>
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  </Dialog.Root>
)
