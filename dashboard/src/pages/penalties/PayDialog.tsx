import { endpoints, IsoDate } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { Schema } from "effect"
import { Upload } from "lucide-solid"
import { createSignal, createUniqueId, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { FieldShell } from "../../ui/form/FieldShell"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import "../../ui/documents/documents.css"
import { DialogTextClose } from "../../ui/DialogTextClose"

const isDay = Schema.is(IsoDate)

/**
 * The driver's "I paid": the receipt's photo or PDF (chosen or dropped) is uploaded to the fine's
 * documents (kind receipt) and the new document's id is sent with the payment date. A refused file
 * (type, size) or a refused step keeps the dialog open with the server's message.
 */
export const PayDialog = (props: {
  readonly open: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly penaltyId: string
  readonly onDone: () => Promise<void>
}) => {
  const { t, zone } = useI18n()
  const today = () => dayIn(Date.now(), zone())
  const api = useApi()
  const fileId = createUniqueId()
  const dayId = createUniqueId()
  const [file, setFile] = createSignal<File | null>(null)
  const [paidOn, setPaidOn] = createSignal(today())
  const [tried, setTried] = createSignal(false)
  const [dragging, setDragging] = createSignal(false)
  const [progress, setProgress] = createSignal<number | null>(null)
  const [error, setError] = createSignal<unknown>(undefined)
  const [submitting, setSubmitting] = createSignal(false)
  let input: HTMLInputElement | undefined
  const k = (
    key: "receipt" | "receiptHint" | "receiptInvalid" | "paidOn" | "payTitle" | "payText" | "iPaid",
  ) => t(`contractsPenalties.penalties.${key}`)
  const fileError = () => (tried() && file() === null ? k("receiptInvalid") : undefined)
  const dayError = () => (tried() && !isDay(paidOn()) ? t("contractsPenalties.required") : undefined)

  const reset = () => {
    setFile(null)
    setPaidOn(today())
    setTried(false)
    setProgress(null)
    setError(undefined)
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    const chosen = file()
    if (chosen === null || !isDay(paidOn())) return
    setSubmitting(true)
    setError(undefined)
    try {
      const [receiptDocumentId] = await uploadDocument(
        chosen,
        { entityType: "penalty", entityId: props.penaltyId, kind: "receipt", expiresOn: "" },
        { onProgress: setProgress, refresh: api.refresh },
      )
      if (receiptDocumentId === undefined) throw new Error("the upload stored no document")
      await api.call(endpoints.penalties.pay, {
        params: { id: props.penaltyId },
        body: { receiptDocumentId, paidOn: paidOn() },
      })
      await props.onDone()
      props.onOpenChange(false)
      reset()
    } catch (failure) {
      setError(failure)
      setProgress(null)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Dialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (!open) reset()
        props.onOpenChange(open)
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog" data-testid="penalty-pay-dialog">
            <Dialog.Title class="dialog__title">{k("payTitle")}</Dialog.Title>
            <Dialog.Description class="dialog__description">{k("payText")}</Dialog.Description>
            <form class="form" onSubmit={submit} novalidate>
              <FieldShell
                id={fileId}
                label={k("receipt")}
                name="receipt"
                hint={k("receiptHint")}
                error={fileError()}
              >
                <section
                  class="document-drop"
                  classList={{ "document-drop--active": dragging() }}
                  aria-label={k("receipt")}
                  data-testid="penalty-pay-dialog-drop"
                  onDragEnter={(e) => {
                    e.preventDefault()
                    setDragging(true)
                  }}
                  onDragOver={(e) => e.preventDefault()}
                  onDragLeave={(e) => {
                    if (e.currentTarget === e.target) setDragging(false)
                  }}
                  onDrop={(e) => {
                    e.preventDefault()
                    setDragging(false)
                    const dropped = e.dataTransfer?.files[0]
                    if (dropped !== undefined) setFile(dropped)
                  }}
                >
                  <Upload size={20} aria-hidden="true" />
                  <p>
                    <strong class="truncate" data-testid="penalty-pay-dialog-file">
                      {file()?.name ?? t("documents.dropTitle")}
                    </strong>{" "}
                    <button type="button" class="link-button" onClick={() => input?.click()}>
                      {t("documents.browse")}
                    </button>
                  </p>
                  <Show when={progress() !== null}>
                    <progress max="1" value={progress() ?? 0} aria-label={t("documents.uploading")} />
                  </Show>
                  <input
                    id={fileId}
                    ref={input}
                    type="file"
                    hidden
                    accept="image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf"
                    data-testid="penalty-pay-dialog-receipt"
                    onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
                  />
                </section>
              </FieldShell>
              <FieldShell id={dayId} label={k("paidOn")} name="paidOn" error={dayError()}>
                <input
                  id={dayId}
                  class="input"
                  type="date"
                  value={paidOn()}
                  onInput={(e) => setPaidOn(e.currentTarget.value)}
                  aria-invalid={dayError() !== undefined}
                  data-testid="penalty-pay-dialog-paidOn"
                />
              </FieldShell>
              <FormError error={error()} />
              <div class="dialog__actions">
                <DialogTextClose label={t("common.cancel")} />
                <SubmitButton
                  submitting={submitting()}
                  label={k("iPaid")}
                  submittingLabel={t("common.saving")}
                  testId="penalty-pay-dialog-submit"
                />
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
