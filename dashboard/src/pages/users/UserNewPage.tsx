import "../organisations/adminPages.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { grantableRoles } from "./grantableRoles"
import { PasswordLinkDialog, type PasswordLinkView } from "./PasswordLinkDialog"
import { localeOptions, PhoneField, RoleField } from "./UserFields"
import { NEW_USER, NewUserForm, newUserBody } from "./userForm"

const NewUserPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [created, setCreated] = createSignal<{ id: string; user: string; link: PasswordLinkView } | null>(
    null,
  )
  const form = createSchemaForm({
    schema: NewUserForm,
    defaultValues: NEW_USER,
    onSubmit: async (values) => {
      const answer = await api.call(endpoints.users.create, { body: newUserBody(values) })
      await queryClient.invalidateQueries({ queryKey: [endpoints.users.list.id] })
      showToast("success", t("users.created", { name: answer.user.name }))
      setCreated({ id: answer.user.id, user: answer.user.email, link: answer.passwordLink })
    },
  })
  const roles = () => grantableRoles(session.user()?.role ?? "viewer")

  return (
    <div class="page page--narrow">
      <PageHeader
        title={t("users.newTitle")}
        description={t("users.newDescription", { organisation: session.user()?.orgName ?? "" })}
      />
      <form class="panel form" onSubmit={form.handleSubmit} data-testid="user-form" novalidate>
        <div class="form--pair form--top">
          <form.form.Field name="email">
            {(field) => (
              <TextField
                field={field}
                label={t("users.email")}
                type="email"
                autocomplete="off"
                data-testid="user-email"
                invalid={t("users.emailInvalid")}
                {...form.serverProps("email")}
              />
            )}
          </form.form.Field>
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
        </div>
        <form.form.Field name="role">
          {(field) => <RoleField field={field} roles={roles()} {...form.serverProps("role")} />}
        </form.form.Field>
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
                options={[{ value: "", label: t("users.languageDefault") }, ...localeOptions()]}
              />
            )}
          </form.form.Field>
        </div>
        <p class="muted">{t("users.linkExplained")}</p>
        <FormError error={form.formError()} />
        <div class="form__actions">
          <A href="/users" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t("users.create")}
            submittingLabel={t("users.creating")}
            testId="user-submit"
          />
        </div>
      </form>
      <PasswordLinkDialog
        link={created()}
        onClose={() => {
          const id = created()?.id
          setCreated(null)
          if (id !== undefined) navigate(`/users/${id}`)
        }}
      />
    </div>
  )
}

/** A new user (`users.manage`): details and role; the answer's one-time link is shown once. */
export const UserNewPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("users.manage")} fallback={<NotAllowedPage />}>
      <NewUserPage />
    </Show>
  )
}
