import { useI18n } from "../../i18n/I18nContext"
import type { TextFieldApi } from "./TextField"

/**
 * The message under a text control: the server's error after a submit, else the schema's refusal
 * once the user has touched the field (`invalid`, or the generic "invalid" text).
 */
export const createFieldError = (props: {
  readonly field: () => TextFieldApi
  readonly invalid?: string
  readonly serverError?: string | undefined
}) => {
  const { t } = useI18n()
  return (): string | undefined => {
    if (props.serverError !== undefined) return props.serverError
    const meta = props.field().state.meta
    return meta.isTouched && meta.errors.length > 0 ? (props.invalid ?? t("form.invalid")) : undefined
  }
}
