import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { Check } from "lucide-solid"
import type { JSX } from "solid-js"

/** A choice of a header menu's radio group: a tick while it is the current one, then its content. */
export const MenuRadioItem = (props: {
  readonly value: string
  readonly testId: string
  /** The organisation switcher marks each option with its name. */
  readonly name?: string
  readonly children: JSX.Element
}) => (
  <DropdownMenu.RadioItem
    class="menu__item"
    closeOnSelect
    value={props.value}
    data-testid={props.testId}
    data-name={props.name}
  >
    <span class="menu__check">
      <DropdownMenu.ItemIndicator>
        <Check size={14} />
      </DropdownMenu.ItemIndicator>
    </span>
    {props.children}
  </DropdownMenu.RadioItem>
)
