import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { createSignal, createUniqueId, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { FormError } from "../../ui/form/FormError"
import { showToast } from "../../ui/toast"

/** Steps that end a record's way (or pause it): asked for with a dialog, and they need the reason. */
const DESTRUCTIVE = new Set(["reject", "fail", "suspend"])

export interface StepInput {
  readonly step: string
  readonly notes?: string
  readonly documentIds?: ReadonlyArray<string>
}

/**
 * The steps the caller may take now, as buttons, with the notes (the reason of a rejection) and,
 * for a driver, the record's documents to attach; the server's refusal shows above the buttons.
 */
export const OnboardingStepForm = (props: {
  readonly entityType: "vehicle" | "driver"
  readonly entityId: string
  readonly steps: ReadonlyArray<string>
  /** What approval still waits for (checklist items, in the reader's language): Approve is off. */
  readonly approvalMissing?: ReadonlyArray<string>
  readonly onStep: (input: StepInput) => Promise<void>
}) => {
  const { t } = useI18n()
  const api = useApi()
  const notesId = createUniqueId()
  const [notes, setNotes] = createSignal("")
  const [chosen, setChosen] = createSignal<ReadonlyArray<string>>([])
  const [error, setError] = createSignal<unknown>(undefined)
  const [busy, setBusy] = createSignal(false)
  const [confirming, setConfirming] = createSignal<string | undefined>(undefined)
  const documents = useQuery(() => ({
    queryKey: [endpoints.documents.list.id, "onboarding", props.entityType, props.entityId] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.documents.list,
        { query: { entityType: props.entityType, entityId: props.entityId, pageSize: "50" } },
        signal,
      ),
    enabled: props.entityType === "driver",
  }))

  const run = async (step: string) => {
    const input: StepInput = {
      step,
      ...(notes().trim() === "" ? {} : { notes: notes().trim() }),
      ...(chosen().length === 0 ? {} : { documentIds: chosen() }),
    }
    await props.onStep(input)
    setNotes("")
    setChosen([])
    showToast("success", t("onboarding.stepDone"))
  }
  const click = async (step: string) => {
    if (DESTRUCTIVE.has(step)) return setConfirming(step)
    setBusy(true)
    setError(undefined)
    try {
      await run(step)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  const label = (step: string) => t(`onboarding.step_${step}` as "onboarding.step_submit")
  const blockedId = createUniqueId()
  const missing = () => props.approvalMissing ?? []
  const blocked = (step: string) => step === "approve" && missing().length > 0

  return (
    <Show when={props.steps.length > 0}>
      <section class="panel onboarding__actions" data-testid="onboarding-actions">
        <h3>{t("onboarding.actions")}</h3>
        <label class="form-field" for={notesId}>
          <span>{t("onboarding.notes")}</span>
          <textarea
            id={notesId}
            class="input"
            rows={2}
            maxLength={2000}
            value={notes()}
            onInput={(e) => setNotes(e.currentTarget.value)}
            data-testid="onboarding-notes"
          />
          <span class="form-field__hint">{t("onboarding.notesHint")}</span>
        </label>
        <Show when={props.entityType === "driver"}>
          <fieldset class="onboarding__pick">
            <legend>{t("onboarding.documents")}</legend>
            <For
              each={documents.data?.items ?? []}
              fallback={<p class="muted">{t("onboarding.noDocuments")}</p>}
            >
              {(d) => (
                <label class="checkbox-field">
                  <input
                    type="checkbox"
                    checked={chosen().includes(d.id)}
                    onChange={(e) =>
                      setChosen(
                        e.currentTarget.checked ? [...chosen(), d.id] : chosen().filter((x) => x !== d.id),
                      )
                    }
                    data-testid="onboarding-document"
                  />
                  {d.filename}
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <FormError error={error()} testId="onboarding-error" />
        <Show when={props.steps.includes("approve") && missing().length > 0}>
          <p class="form-field__hint" id={blockedId} data-testid="onboarding-approve-blocked">
            {t("onboarding.approveBlocked", { items: missing().join(", ") })}
          </p>
        </Show>
        <div class="form__actions">
          <For each={props.steps}>
            {(step) => (
              <button
                type="button"
                class={DESTRUCTIVE.has(step) ? "button button--danger" : "button button--primary"}
                disabled={busy() || blocked(step)}
                aria-describedby={blocked(step) ? blockedId : undefined}
                title={
                  blocked(step) ? t("onboarding.approveBlocked", { items: missing().join(", ") }) : undefined
                }
                onClick={() => void click(step)}
                data-testid={`onboarding-step-${step}`}
              >
                {label(step)}
              </button>
            )}
          </For>
        </div>
        <ConfirmDialog
          open={confirming() !== undefined}
          onOpenChange={(open) => {
            if (!open) setConfirming(undefined)
          }}
          title={label(confirming() ?? "reject")}
          description={notes().trim() === "" ? t("onboarding.notesHint") : notes()}
          confirmLabel={label(confirming() ?? "reject")}
          destructive={true}
          onConfirm={() => run(confirming() ?? "reject")}
        />
      </section>
    </Show>
  )
}
