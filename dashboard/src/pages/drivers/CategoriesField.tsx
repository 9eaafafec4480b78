import { LICENCE_CATEGORIES } from "@fleetcore/contract"
import { For, Show } from "solid-js"

type Category = (typeof LICENCE_CATEGORIES)[number]

/** What a TanStack field accessor of a category list offers. */
interface CategoriesApi {
  readonly name: string
  readonly state: { readonly value: ReadonlyArray<Category> }
  readonly handleChange: (value: Array<Category>) => void
}

/** The licence categories as a row of toggles (Kazakh/CIS set, in their usual order). */
export const CategoriesField = (props: {
  readonly field: () => CategoriesApi
  readonly label: string
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
}) => {
  const has = (c: Category) => props.field().state.value.includes(c)
  const toggle = (c: Category) => {
    props.onEdit?.()
    const chosen = new Set(props.field().state.value)
    if (chosen.has(c)) chosen.delete(c)
    else chosen.add(c)
    props.field().handleChange(LICENCE_CATEGORIES.filter((x) => chosen.has(x)))
  }
  return (
    <fieldset class="form-field categories" data-testid="driver-categories">
      <legend class="form-field__label">{props.label}</legend>
      <div class="categories__options">
        <For each={LICENCE_CATEGORIES}>
          {(c) => (
            <label class="categories__option" classList={{ "categories__option--on": has(c) }}>
              <input
                type="checkbox"
                checked={has(c)}
                onChange={() => toggle(c)}
                data-testid={`driver-category-${c}`}
              />
              <span>{c}</span>
            </label>
          )}
        </For>
      </div>
      <Show when={props.serverError}>
        <p class="form-field__error">{props.serverError}</p>
      </Show>
    </fieldset>
  )
}
