import { ApiError } from "../../api/ApiError"

/** Where a failed submit's message belongs: on one of the form's fields, or above the form. */
export type SubmitFailure =
  | { readonly kind: "field"; readonly field: string; readonly message: string }
  | { readonly kind: "form"; readonly error: unknown }

/**
 * The server names the input that failed (`field`, as the body's key, possibly a path such as
 * "settings.currency"); when the form has that field the message goes under it.
 */
export const placeSubmitFailure = (error: unknown, fields: ReadonlyArray<string>): SubmitFailure => {
  if (error instanceof ApiError && error.field !== null && fields.includes(error.field)) {
    return { kind: "field", field: error.field, message: error.message }
  }
  return { kind: "form", error }
}
