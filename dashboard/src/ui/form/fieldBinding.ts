import type { TextFieldApi } from "./TextField"

/**
 * A TanStack form field as a picker's `name`/`value`/`onChange`/`onBlur`, and whether the form's
 * schema refuses the value once the field was touched (or the form submitted), read live
 * (getters), for `<VehiclePicker {...fieldBinding(field)} invalid={…} … />`.
 */
export const fieldBinding = (field: () => TextFieldApi) => ({
  get name() {
    return field().name
  },
  get value() {
    return field().state.value
  },
  get refused() {
    const meta = field().state.meta
    return meta.isTouched && meta.errors.length > 0
  },
  onChange: (id: string) => field().handleChange(id),
  onBlur: () => field().handleBlur(),
})
