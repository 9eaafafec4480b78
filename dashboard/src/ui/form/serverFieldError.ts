import { ApiError, fieldMessage } from "../../api/ApiError"

/** Where a failed submit's message belongs: on one of the form's fields, or above the form. */
export type SubmitFailure =
  | { readonly kind: "field"; readonly field: string; readonly message: string }
  | { readonly kind: "form"; readonly error: unknown }

/**
 * The server names the input that failed (`field`, as the body's key, possibly a path such as
 * "settings.currency"); when the form has that field, the reason goes under it, below the field's
 * own label (`detail`: the message would name the field by its wire key).
 */
export const placeSubmitFailure = (error: unknown, fields: ReadonlyArray<string>): SubmitFailure => {
  if (error instanceof ApiError && error.field !== null && fields.includes(error.field)) {
    return { kind: "field", field: error.field, message: fieldMessage(error, error.field) ?? error.message }
  }
  return { kind: "form", error }
}
