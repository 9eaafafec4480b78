import * as Dialog from "@kobalte/core/dialog"

/**
 * A dialog's close button that shows words ("Cancel", "Done"), named by those words: Kobalte's own
 * close button otherwise takes the name "Dismiss", in English whatever the language. Works in an
 * alert dialog too (the same button underneath).
 */
export const DialogTextClose = (props: {
  readonly label: string
  readonly class?: string
  readonly disabled?: boolean
  readonly autofocus?: boolean
  readonly testId?: string
}) => (
  <Dialog.CloseButton
    class={props.class ?? "button"}
    disabled={props.disabled}
    autofocus={props.autofocus}
    data-testid={props.testId}
    aria-label={props.label}
  >
    {props.label}
  </Dialog.CloseButton>
)
