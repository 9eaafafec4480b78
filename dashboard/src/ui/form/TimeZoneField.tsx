import "./combobox.css"
import { Combobox } from "@kobalte/core/combobox"
import { Check, ChevronsUpDown } from "lucide-solid"
import { Show } from "solid-js"
import type { TextFieldApi } from "./TextField"
import { timeZoneMatches, timeZones } from "./timeZones"

/**
 * A time zone (an organisation's, a user's own): a searchable list of the browser's IANA zones
 * (type "almaty" or "new york" to narrow it), bound to a form field.
 */
export const TimeZoneField = (props: {
  readonly field: () => TextFieldApi
  readonly label: string
  readonly placeholder: string
  readonly testId: string
  readonly hint?: string
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
}) => {
  // One array for the component's life: Kobalte rebuilds its collection when the options change.
  const zones = [...timeZones()]
  return (
    <Combobox<string>
      class="form-field combobox"
      classList={{ "form-field--invalid": props.serverError !== undefined }}
      options={zones}
      value={props.field().state.value}
      onChange={(zone) => {
        if (zone === null) return
        props.field().handleChange(zone)
        props.onEdit?.()
      }}
      defaultFilter={timeZoneMatches}
      placeholder={props.placeholder}
      validationState={props.serverError === undefined ? "valid" : "invalid"}
      itemComponent={(item) => (
        <Combobox.Item item={item.item} class="combobox__item" data-testid="timezone-option">
          <Combobox.ItemLabel>{item.item.rawValue}</Combobox.ItemLabel>
          <Combobox.ItemIndicator class="combobox__indicator">
            <Check size={14} />
          </Combobox.ItemIndicator>
        </Combobox.Item>
      )}
    >
      <Combobox.Label>{props.label}</Combobox.Label>
      <Combobox.Control class="combobox__control">
        <Combobox.Input class="combobox__input" data-testid={props.testId} />
        <Combobox.Trigger class="combobox__trigger">
          <Combobox.Icon>
            <ChevronsUpDown size={14} />
          </Combobox.Icon>
        </Combobox.Trigger>
      </Combobox.Control>
      <Show
        when={props.serverError}
        fallback={
          <Show when={props.hint}>
            <Combobox.Description class="form-field__hint">{props.hint}</Combobox.Description>
          </Show>
        }
      >
        {(message) => (
          <Combobox.ErrorMessage class="form-field__error" data-testid={`field-error-${props.field().name}`}>
            {message()}
          </Combobox.ErrorMessage>
        )}
      </Show>
      <Combobox.Portal>
        <Combobox.Content class="combobox__content">
          <Combobox.Listbox class="combobox__listbox" />
        </Combobox.Content>
      </Combobox.Portal>
    </Combobox>
  )
}
