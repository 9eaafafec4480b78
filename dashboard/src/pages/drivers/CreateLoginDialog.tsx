import { Email, endpoints } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { KeyRound } from "lucide-solid"
import { createSignal } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { ItemDialog } from "../../ui/ItemDialog"
import { showToast } from "../../ui/toast"
import type { PasswordLinkView } from "../users/PasswordLinkDialog"
import type { DriverDetailView } from "./driverForm"
import { invalidateDrivers } from "./driverQueries"

const LoginForm = Schema.Struct({ email: Email })

const LoginFormView = (props: {
  readonly driver: DriverDetailView
  readonly onCreated: (link: PasswordLinkView, email: string) => void
}) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: LoginForm,
    defaultValues: { email: props.driver.email ?? "" },
    onSubmit: async (values) => {
      const answer = await api.call(endpoints.users.create, {
        body: {
          email: values.email.trim(),
          name: props.driver.fullName,
          role: "driver",
          driverId: props.driver.id,
          ...(props.driver.phone === null ? {} : { phone: props.driver.phone }),
        },
      })
      showToast("success", t("drivers.loginCreated", { name: props.driver.fullName }))
      props.onCreated(answer.passwordLink, answer.user.email)
      // After the link is shown: the reload replaces this button with the login.
      await invalidateDrivers(queryClient)
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="driver-login-form" novalidate>
      <form.form.Field name="email">
        {(field) => (
          <TextField
            field={field}
            label={t("drivers.loginEmail")}
            type="email"
            autocomplete="off"
            data-testid="driver-login-email"
            invalid={t("users.emailInvalid")}
            {...form.serverProps("email")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="dialog__actions">
        <DialogTextClose label={t("common.cancel")} />
        <SubmitButton
          submitting={form.submitting()}
          label={t("drivers.createLogin")}
          submittingLabel={t("drivers.creatingLogin")}
          testId="driver-login-submit"
        />
      </div>
    </form>
  )
}

/**
 * "Create login": a user with the driver role linked to this driver. The answer's one-time
 * set-password link goes to `onCreated`, whose page shows it once (the users page's dialog) and
 * outlives this button, which the login replaces.
 */
export const CreateLoginButton = (props: {
  readonly driver: DriverDetailView
  readonly onCreated: (shown: { user: string; link: PasswordLinkView }) => void
}) => {
  const { t } = useI18n()
  const [asking, setAsking] = createSignal<DriverDetailView | null>(null)
  return (
    <>
      <button
        type="button"
        class="button"
        data-testid="driver-create-login"
        onClick={() => setAsking(props.driver)}
      >
        <KeyRound size={16} aria-hidden="true" />
        <span>{t("drivers.createLogin")}</span>
      </button>
      <ItemDialog item={asking()} onClose={() => setAsking(null)} testId="driver-login-dialog">
        {(driver) => (
          <>
            <div class="dialog__header">
              <Dialog.Title class="dialog__title">
                {t("drivers.createLoginTitle", { name: driver().fullName })}
              </Dialog.Title>
            </div>
            <Dialog.Description class="dialog__description">
              {t("drivers.createLoginText")}
            </Dialog.Description>
            <LoginFormView
              driver={driver()}
              onCreated={(created, email) => {
                setAsking(null)
                props.onCreated({ user: email, link: created })
              }}
            />
          </>
        )}
      </ItemDialog>
    </>
  )
}
