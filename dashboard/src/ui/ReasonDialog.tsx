import { createSignal, createUniqueId, type JSX, Show } from "solid-js"
import { ConfirmDialog } from "./ConfirmDialog"
import { FieldShell } from "./form/FieldShell"

/**
 * Asks before a refusal, a rejection or a dispute, with the reason the other side will read; the
 * reason is cleared when the dialog closes. `onConfirm` gets it trimmed ("" when none was written).
 */
export const ReasonDialog = (props: {
  readonly open: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly title: string
  readonly intro?: JSX.Element
  readonly label: string
  readonly confirmLabel: string
  readonly testId: string
  readonly onConfirm: (reason: string) => Promise<void>
}) => {
  const id = createUniqueId()
  const [reason, setReason] = createSignal("")
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setReason("")
        props.onOpenChange(open)
      }}
      title={props.title}
      description={
        <>
          <Show when={props.intro}>{(intro) => <p>{intro()}</p>}</Show>
          <FieldShell id={id} label={props.label} name={props.testId} error={undefined}>
            <textarea
              id={id}
              class="input textarea"
              rows={3}
              value={reason()}
              data-testid={props.testId}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </FieldShell>
        </>
      }
      confirmLabel={props.confirmLabel}
      destructive
      onConfirm={() => props.onConfirm(reason().trim())}
    />
  )
}
