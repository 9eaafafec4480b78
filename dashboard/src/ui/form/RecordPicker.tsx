import "./picker.css"
import type { AnyEndpoint } from "@fleetcore/contract"
import { Combobox } from "@kobalte/core/combobox"
import { Check, ChevronDown } from "lucide-solid"
import { createMemo, createSignal, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createRecordChoices } from "./createRecordChoices"
import type { ListItemOf, RecordSource } from "./recordSource"

/** What every picker takes, whichever records it offers. */
export interface PickerProps {
  readonly label: string
  /** The chosen record's id; "" for none. */
  readonly value: string
  readonly onChange: (id: string) => void
  readonly onBlur?: () => void
  /** The empty choice's words ("All vehicles" in a filter, "—" where optional); without it, a record must be chosen. */
  readonly empty?: string
  /** A form field (label above, hint or error below) or a list filter (the toolbar's small label). */
  readonly variant?: "field" | "filter"
  readonly name?: string
  readonly hint?: string
  readonly serverError?: string | undefined
  /** The form's schema refuses the value (set by `fieldBinding`): `invalid` shows under the picker. */
  readonly refused?: boolean
  /** Shown when the schema refuses the value (none chosen where one must be), in the user's language. */
  readonly invalid?: string
  readonly onEdit?: () => void
  readonly disabled?: boolean
  /** On the input; the list is `${testId}-list`, each choice `${testId}-option`. */
  readonly testId: string
}

/** One entry of the list: the empty choice, a search result, or the chosen record when the search left it out. */
interface Option {
  readonly key: string
  readonly label: string
  readonly kind: "empty" | "result" | "chosen"
}

const NONE = "none"

/**
 * An accessible searchable select of records (Kobalte's combobox): typing searches the server
 * (debounced, 20 at a time), arrows move, Enter chooses, Escape closes and puts the chosen
 * record's label back. The chosen record shows its label even when no search found it, since it
 * is fetched by id. `VehiclePicker` and `DriverPicker` give it their endpoints and words.
 */
export const RecordPicker = <L extends AnyEndpoint, G extends AnyEndpoint>(
  props: PickerProps & {
    readonly source: RecordSource<L, G>
    readonly placeholder: string
    readonly noMatch: string
    /** Leaves records out of the choices (a team's own members). */
    readonly hide?: (item: ListItemOf<L>) => boolean
  },
) => {
  const { t } = useI18n()
  const [open, setOpen] = createSignal(false)
  const choices = createRecordChoices(props.source, () => ({
    value: props.value,
    open: open(),
    hide: props.hide,
  }))
  const none = createMemo((): Option | undefined =>
    props.empty === undefined ? undefined : { key: NONE, label: props.empty, kind: "empty" },
  )
  // Kobalte puts the chosen option's label into the input whenever the chosen option changes:
  // a new object for the same record must not count as a change, or a refetch would wipe what
  // the person is typing.
  const selected = createMemo(
    (): Option | null => {
      if (props.value === "") return none() ?? null
      const chosen = choices.chosen()
      return chosen === undefined ? null : { key: chosen.id, label: chosen.label, kind: "chosen" }
    },
    null,
    { equals: (a, b) => a?.key === b?.key && a?.label === b?.label },
  )
  const options = createMemo((): Option[] => {
    const results = choices.items().map((c): Option => ({ key: c.id, label: c.label, kind: "result" }))
    const empty = none()
    const chosen = selected()
    // The chosen record stays among the options (hidden by the filter below) so that Kobalte
    // can show its label; the results already hold it when the search found it.
    const extra =
      chosen !== null && chosen.kind === "chosen" && !results.some((r) => r.key === chosen.key)
        ? [chosen]
        : []
    return [...(empty === undefined ? [] : [empty]), ...results, ...extra]
  })
  const typed = (input: string) => input !== "" && input !== selected()?.label
  const variant = () => props.variant ?? "field"
  const error = () =>
    props.serverError ?? (props.refused === true ? (props.invalid ?? t("form.invalid")) : undefined)

  return (
    <Combobox<Option>
      class={variant() === "filter" ? "filter picker picker--filter" : "form-field picker"}
      classList={{ "form-field--invalid": error() !== undefined }}
      options={options()}
      optionValue="key"
      optionTextValue="label"
      optionLabel="label"
      value={selected()}
      onChange={(option) => {
        if (option === null || option.kind === "empty") {
          if (props.empty === undefined) return
          props.onChange("")
        } else {
          props.onChange(option.key)
        }
        props.onEdit?.()
      }}
      onInputChange={(input) => choices.setTerm(typed(input) ? input : "")}
      onOpenChange={(isOpen) => setOpen(isOpen)}
      // The server searched already: every result stays; the empty choice only while nothing is typed.
      defaultFilter={(option, input) =>
        option.kind === "result" || (option.kind === "empty" && !typed(input))
      }
      triggerMode="focus"
      allowsEmptyCollection
      disallowEmptySelection={props.empty === undefined}
      placeholder={props.placeholder}
      validationState={error() === undefined ? "valid" : "invalid"}
      disabled={props.disabled ?? false}
      {...(props.name === undefined ? {} : { name: props.name })}
      itemComponent={(item) => (
        <Combobox.Item
          item={item.item}
          class="menu__item picker__item"
          classList={{ "picker__item--empty": item.item.rawValue.kind === "empty" }}
          data-testid={`${props.testId}-option`}
        >
          <Combobox.ItemLabel class="picker__item-label">{item.item.rawValue.label}</Combobox.ItemLabel>
          <Combobox.ItemIndicator class="menu__check">
            <Check size={14} aria-hidden="true" />
          </Combobox.ItemIndicator>
        </Combobox.Item>
      )}
    >
      <Combobox.Label as={variant() === "filter" ? "span" : "label"}>{props.label}</Combobox.Label>
      <Combobox.Control class="picker__control" aria-label={props.label}>
        <Combobox.Input
          class="input picker__input"
          data-testid={props.testId}
          onFocus={(event) => event.currentTarget.select()}
          onBlur={() => props.onBlur?.()}
        />
        <Combobox.Trigger class="picker__trigger" aria-label={t("picker.showChoices")}>
          <Combobox.Icon class="picker__icon">
            <ChevronDown size={16} aria-hidden="true" />
          </Combobox.Icon>
        </Combobox.Trigger>
      </Combobox.Control>
      <Show when={error()} fallback={<Hint text={props.hint} />}>
        {(message) => (
          <Combobox.ErrorMessage
            class="form-field__error"
            data-testid={`field-error-${props.name ?? props.testId}`}
          >
            {message()}
          </Combobox.ErrorMessage>
        )}
      </Show>
      <Combobox.Portal>
        <Combobox.Content class="menu picker__content" data-testid={`${props.testId}-list`}>
          <Combobox.Listbox
            class="picker__listbox"
            classList={{ "picker__listbox--stale": choices.searching() }}
            aria-busy={choices.searching()}
          />
          <Show when={choices.items().length === 0}>
            <p class="picker__note" role="status" data-testid={`${props.testId}-note`}>
              {choices.failed()
                ? t("picker.failed")
                : choices.searching()
                  ? t("picker.searching")
                  : props.noMatch}
            </p>
          </Show>
        </Combobox.Content>
      </Combobox.Portal>
    </Combobox>
  )
}

const Hint = (props: { readonly text: string | undefined }) => (
  <Show when={props.text}>
    {(text) => <Combobox.Description class="form-field__hint">{text()}</Combobox.Description>}
  </Show>
)
