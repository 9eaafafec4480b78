import { createForm } from "@tanstack/solid-form"
import { Schema } from "effect"
import { type Accessor, createSignal } from "solid-js"
import { revealInvalidField } from "./revealInvalidField"
import { placeSubmitFailure } from "./serverFieldError"

/** A schema whose encoded side is the form's values (strings, booleans) and needs no services. */
type FormSchema<V> = Schema.Codec<unknown, V, never, never>

/**
 * A form validated by the same Effect schema the server decodes (the contract's field schemas,
 * through Standard Schema), with the server's field errors shown on their fields and any other
 * failure above the form. `onSubmit` gets the values as typed; it throws the API's error. A submit
 * refused on a field (by the schema or the server) scrolls to that field and focuses it.
 */
export const createSchemaForm = <V extends Record<string, unknown>>(options: {
  readonly schema: FormSchema<V>
  readonly defaultValues: V
  readonly onSubmit: (values: V) => Promise<void>
}) => {
  const [formError, setFormError] = createSignal<unknown>()
  const [serverFieldErrors, setServerFieldErrors] = createSignal<Readonly<Record<string, string>>>({})
  const standard = Schema.toStandardSchemaV1(options.schema)
  const form = createForm(() => ({
    defaultValues: options.defaultValues,
    validators: { onChange: standard, onSubmit: standard },
    onSubmit: async ({ value }) => {
      setFormError(undefined)
      setServerFieldErrors({})
      try {
        await options.onSubmit(value)
      } catch (error) {
        const failure = placeSubmitFailure(error, Object.keys(options.defaultValues))
        if (failure.kind === "field") setServerFieldErrors({ [failure.field]: failure.message })
        else setFormError(() => failure.error)
      }
    },
  }))
  const submitting = form.useSelector((state) => state.isSubmitting)
  const serverError = (field: keyof V & string): string | undefined => serverFieldErrors()[field]
  const clearServerError = (field: keyof V & string) =>
    setServerFieldErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field)))
  return {
    form,
    /** A failure that belongs to no field (shown by `<FormError>`). */
    formError: formError as Accessor<unknown>,
    /** The server's message for a field, until the field changes. */
    serverError,
    clearServerError,
    /** `serverError` and `onEdit` (which clears it) for a field control: `{...form.serverProps("name")}`. */
    serverProps: (field: keyof V & string) => ({
      get serverError() {
        return serverError(field)
      },
      onEdit: () => clearServerError(field),
    }),
    submitting,
    /** For `<form onSubmit>`. */
    handleSubmit: (event: SubmitEvent) => {
      event.preventDefault()
      event.stopPropagation()
      const element = event.currentTarget
      void form.handleSubmit().then(() => {
        if (element instanceof HTMLFormElement) revealInvalidField(element)
      })
    },
  }
}
export type SchemaForm<V extends Record<string, unknown>> = ReturnType<typeof createSchemaForm<V>>
