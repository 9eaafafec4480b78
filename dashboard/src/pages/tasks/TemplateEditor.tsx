import {
  endpoints,
  TASK_PRIORITIES,
  TASK_TRIGGER_EVENTS,
  type TaskPriority,
  type TaskState,
  type TaskTemplate,
  type TaskTransition,
} from "@fleetcore/contract"
import { createSignal, For, Index, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "../../ui/form/FormError"
import { type NumberRule, numberOf, parseNumber } from "../../ui/form/numberText"
import { showToast } from "../../ui/toast"

type Template = typeof TaskTemplate.Type

/** Whole minutes, from one (the inputs' own min). */
const MINUTES: NumberRule = { fractionDigits: 0, min: 1 }
interface TransitionRow {
  from: string
  to: string
  photo: boolean
  document: boolean
  comment: boolean
  signature: boolean
  checklist: string
}

const STARTER: ReadonlyArray<TaskState> = [
  { key: "created", label: "Created", initial: true },
  { key: "in_progress", label: "In progress" },
  { key: "completed", label: "Completed", final: true },
]
const rowOf = (x: TaskTransition): TransitionRow => ({
  from: x.from,
  to: x.to,
  photo: x.requires?.photo === true,
  document: x.requires?.document === true,
  comment: x.requires?.comment === true,
  signature: x.requires?.signature === true,
  checklist: (x.requires?.checklist ?? []).join(", "),
})
const transitionOf = (r: TransitionRow): TaskTransition => {
  const checklist = r.checklist
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
  const requires = {
    ...(r.photo ? { photo: true } : {}),
    ...(r.document ? { document: true } : {}),
    ...(r.comment ? { comment: true } : {}),
    ...(r.signature ? { signature: true } : {}),
    ...(checklist.length > 0 ? { checklist } : {}),
  }
  return { from: r.from, to: r.to, ...(Object.keys(requires).length > 0 ? { requires } : {}) }
}

/**
 * A workflow as rows: states (key, label, initial, final), transitions (from, to, what the step
 * needs) and telemetry triggers. The server validates the machine and names the row it refuses.
 */
export const TemplateEditor = (props: {
  readonly template: Template | null
  readonly onSaved: () => void
  readonly onCancel: () => void
}) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const m = props.template
  const [name, setName] = createSignal(m?.name ?? "")
  const [priority, setPriority] = createSignal<TaskPriority>(m?.defaultPriority ?? "normal")
  const [duration, setDuration] = createSignal(m?.defaultDurationMinutes?.toString() ?? "")
  const [states, setStates] = createSignal<ReadonlyArray<TaskState>>(m?.states ?? STARTER)
  const [rows, setRows] = createSignal<ReadonlyArray<TransitionRow>>(
    (
      m?.transitions ?? [
        { from: "created", to: "in_progress" },
        { from: "in_progress", to: "completed" },
      ]
    ).map(rowOf),
  )
  const triggerOf = (on: string) => m?.triggers.find((g) => g.on === on)?.to ?? ""
  const [triggers, setTriggers] = createSignal<Record<string, string>>(
    Object.fromEntries(TASK_TRIGGER_EVENTS.map((on) => [on, triggerOf(on)])),
  )
  const [ignitionMinutes, setIgnitionMinutes] = createSignal(
    String(m?.triggers.find((g) => g.on === "ignition_off")?.minutes ?? 10),
  )
  const [error, setError] = createSignal<unknown>()
  const [busy, setBusy] = createSignal(false)
  const editState = (i: number, patch: Partial<TaskState>) =>
    setStates((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)))
  const editRow = (i: number, patch: Partial<TransitionRow>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)))

  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const body = {
        name: name().trim(),
        defaultPriority: priority(),
        defaultDurationMinutes: parseNumber(duration(), locale(), MINUTES),
        states: states().map((s) => ({
          key: s.key,
          label: s.label,
          ...(s.initial === true ? { initial: true } : {}),
          ...(s.final === true ? { final: true } : {}),
        })),
        transitions: rows().map(transitionOf),
        triggers: TASK_TRIGGER_EVENTS.flatMap((on) =>
          triggers()[on]
            ? [
                {
                  on,
                  to: triggers()[on] ?? "",
                  ...(on === "ignition_off"
                    ? { minutes: numberOf(ignitionMinutes(), locale(), MINUTES) }
                    : {}),
                },
              ]
            : [],
        ),
      }
      const saved =
        m === null
          ? await api.call(endpoints.tasks.createTemplate, { body })
          : await api.call(endpoints.tasks.updateTemplate, { params: { id: m.id }, body })
      showToast("success", t("tasks.templateSaved", { name: saved.name }))
      props.onSaved()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const stateOptions = () => (
    <For each={states()}>{(s) => <option value={s.key}>{s.label || s.key}</option>}</For>
  )

  return (
    <form
      class="panel form template-editor"
      onSubmit={(e) => void save(e)}
      data-testid="template-editor"
      novalidate
    >
      <div class="form--pair form--top">
        <label class="field">
          <span class="field__label">{t("tasks.templateName")}</span>
          <input
            class="input"
            value={name()}
            data-testid="template-name"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("tasks.priority")}</span>
          <select
            class="input"
            value={priority()}
            onChange={(e) => setPriority(e.currentTarget.value as TaskPriority)}
          >
            <For each={TASK_PRIORITIES}>{(p) => <option value={p}>{t(`tasks.priority_${p}`)}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t("tasks.defaultDuration")}</span>
          <input
            class="input"
            type="number"
            min="1"
            value={duration()}
            onInput={(e) => setDuration(e.currentTarget.value)}
          />
        </label>
      </div>
      <h3>{t("tasks.states")}</h3>
      <table class="editor-table">
        <thead>
          <tr>
            <th>{t("tasks.stateKey")}</th>
            <th>{t("tasks.stateLabel")}</th>
            <th>{t("tasks.initial")}</th>
            <th>{t("tasks.final")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <Index each={states()}>
            {(s, i) => (
              <tr data-testid="template-state">
                <td>
                  <input
                    class="input"
                    value={s().key}
                    data-testid="state-key"
                    onInput={(e) => editState(i, { key: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    class="input"
                    value={s().label}
                    data-testid="state-label"
                    onInput={(e) => editState(i, { label: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="initial"
                    checked={s().initial === true}
                    onChange={() => setStates((all) => all.map((x, j) => ({ ...x, initial: j === i })))}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={s().final === true}
                    data-testid="state-final"
                    onChange={(e) => editState(i, { final: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="button button--ghost"
                    onClick={() => setStates((all) => all.filter((_, j) => j !== i))}
                  >
                    {t("tasks.remove")}
                  </button>
                </td>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
      <button
        type="button"
        class="button"
        data-testid="state-add"
        onClick={() => setStates((all) => [...all, { key: "", label: "" }])}
      >
        {t("tasks.addState")}
      </button>
      <h3>{t("tasks.transitions")}</h3>
      <table class="editor-table">
        <thead>
          <tr>
            <th>{t("tasks.from")}</th>
            <th>{t("tasks.to")}</th>
            <th>{t("tasks.needsPhoto")}</th>
            <th>{t("tasks.needsComment")}</th>
            <th>{t("tasks.needsDocument")}</th>
            <th>{t("tasks.needsSignature")}</th>
            <th>{t("tasks.checklistItems")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <Index each={rows()}>
            {(r, i) => (
              <tr data-testid="template-transition">
                <td>
                  <select
                    class="input"
                    value={r().from}
                    data-testid="transition-from"
                    onChange={(e) => editRow(i, { from: e.currentTarget.value })}
                  >
                    {stateOptions()}
                  </select>
                </td>
                <td>
                  <select
                    class="input"
                    value={r().to}
                    data-testid="transition-to"
                    onChange={(e) => editRow(i, { to: e.currentTarget.value })}
                  >
                    {stateOptions()}
                  </select>
                </td>
                <For each={["photo", "comment", "document", "signature"] as const}>
                  {(need) => (
                    <td>
                      <input
                        type="checkbox"
                        checked={r()[need]}
                        data-testid={`transition-${need}`}
                        onChange={(e) => editRow(i, { [need]: e.currentTarget.checked })}
                      />
                    </td>
                  )}
                </For>
                <td>
                  <input
                    class="input"
                    value={r().checklist}
                    onInput={(e) => editRow(i, { checklist: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="button button--ghost"
                    onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
                  >
                    {t("tasks.remove")}
                  </button>
                </td>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
      <button
        type="button"
        class="button"
        data-testid="transition-add"
        onClick={() =>
          setRows((all) => [
            ...all,
            {
              from: states()[0]?.key ?? "",
              to: states()[0]?.key ?? "",
              photo: false,
              document: false,
              comment: false,
              signature: false,
              checklist: "",
            },
          ])
        }
      >
        {t("tasks.addTransition")}
      </button>
      <h3>{t("tasks.triggers")}</h3>
      <For each={TASK_TRIGGER_EVENTS}>
        {(on) => (
          <label class="field">
            <span class="field__label">{t(`tasks.trigger_${on}`)}</span>
            <select
              class="input"
              value={triggers()[on] ?? ""}
              data-testid={`trigger-${on}`}
              onChange={(e) => setTriggers((x) => ({ ...x, [on]: e.currentTarget.value }))}
            >
              <option value="">{t("tasks.noTrigger")}</option>
              {stateOptions()}
            </select>
            <Show when={on === "ignition_off" && triggers()[on]}>
              <input
                class="input"
                type="number"
                min="1"
                max="1440"
                required
                aria-label={t("tasks.triggerMinutes")}
                title={t("tasks.triggerMinutes")}
                value={ignitionMinutes()}
                data-testid="trigger-ignition-minutes"
                onInput={(e) => setIgnitionMinutes(e.currentTarget.value)}
              />
            </Show>
          </label>
        )}
      </For>
      <FormError error={error()} testId="template-error" />
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()} data-testid="template-save">
          {busy() ? t("tasks.saving") : t("tasks.saveTemplate")}
        </button>
      </div>
    </form>
  )
}
