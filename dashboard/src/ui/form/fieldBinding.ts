import type { SelectFieldApi } from "./SelectField"

/**
 * A TanStack form field as a picker's `name`/`value`/`onChange`/`onBlur`, read live (getters),
 * for `<VehiclePicker {...fieldBinding(field)} … />`.
 */
export const fieldBinding = (field: () => SelectFieldApi<string>) => ({
  get name() {
    return field().name
  },
  get value() {
    return field().state.value
  },
  onChange: (id: string) => field().handleChange(id),
  onBlur: () => field().handleBlur(),
})
