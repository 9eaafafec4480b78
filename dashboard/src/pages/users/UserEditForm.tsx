import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { SelectField } from "../../ui/form/SelectField"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import { grantableRoles } from "./grantableRoles"
import { localeOptions, PhoneField, RoleField } from "./UserFields"
import { EditUserForm, editUserBody, editUserValues, type UserView } from "./userForm"
import { invalidateUsers } from "./userQueries"

/** Editing a user's name, role, phone and language; nobody changes their own role. */
export const UserEditForm = (props: { readonly user: UserView }) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const self = () => props.user.id === session.user()?.id
  const form = createSchemaForm({
    schema: EditUserForm,
    defaultValues: editUserValues(props.user),
    onSubmit: async (values) => {
      const saved = await api.call(endpoints.users.update, {
        params: { id: props.user.id },
        body: editUserBody(values),
      })
      await invalidateUsers(queryClient)
      if (self()) await session.load()
      showToast("success", t("users.saved", { name: saved.name }))
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="user-edit-form" novalidate>
      <div class="form--pair form--top">
        <form.form.Field name="name">
          {(field) => (
            <TextField
              field={field}
              label={t("users.name")}
              autocomplete="off"
              data-testid="user-name"
              invalid={t("profile.nameInvalid")}
              {...form.serverProps("name")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="role">
          {(field) => (
            <RoleField
              field={field}
              roles={grantableRoles(session.user()?.role ?? "viewer")}
              disabled={self()}
              {...form.serverProps("role")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="phone">
          {(field) => <PhoneField field={field} {...form.serverProps("phone")} />}
        </form.form.Field>
        <form.form.Field name="locale">
          {(field) => (
            <SelectField
              field={field}
              label={t("users.language")}
              testId="user-locale"
              options={localeOptions()}
            />
          )}
        </form.form.Field>
      </div>
      <SaveActions form={form} testId="user-save" />
    </form>
  )
}
