import type { Role } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { type Locale, localeNames, locales } from "../../i18n/locales"
import type { SelectFieldApi, SelectOption } from "../../ui/form/SelectField"
import { SelectField } from "../../ui/form/SelectField"
import type { TextFieldApi } from "../../ui/form/TextField"
import { TextField } from "../../ui/form/TextField"

/** The role select, limited to what the caller may grant; the chosen role's description under it. */
export const RoleField = (props: {
  readonly field: () => SelectFieldApi<Role>
  readonly roles: ReadonlyArray<Role>
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
  readonly disabled?: boolean
}) => {
  const { t } = useI18n()
  return (
    <SelectField
      field={props.field}
      label={t("users.role")}
      testId="user-role-select"
      options={props.roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      hint={t(`roleDescriptions.${props.field().state.value}`)}
      serverError={props.serverError}
      disabled={props.disabled ?? false}
      {...(props.onEdit ? { onEdit: props.onEdit } : {})}
    />
  )
}

/** The languages to choose from, each in itself. */
export const localeOptions = (): ReadonlyArray<SelectOption<Locale>> =>
  locales.map((code) => ({ value: code, label: localeNames[code] }))

/** A phone in international form; empty for none. */
export const PhoneField = (props: {
  readonly field: () => TextFieldApi
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
}) => {
  const { t } = useI18n()
  return (
    <TextField
      field={props.field}
      label={t("users.phone")}
      type="tel"
      autocomplete="off"
      data-testid="user-phone"
      hint={t("profile.phoneHint")}
      invalid={t("profile.phoneInvalid")}
      serverError={props.serverError}
      {...(props.onEdit ? { onEdit: props.onEdit } : {})}
    />
  )
}
