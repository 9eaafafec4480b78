import { Email, endpoints, LOCALES, Phone } from "@fleetcore/contract"
import { A, Navigate } from "@solidjs/router"
import { Schema } from "effect"
import { Show } from "solid-js"
import { useApi } from "../api/ApiContext"
import { useI18n } from "../i18n/I18nContext"
import { createSchemaForm } from "../ui/form/createSchemaForm"
import { FormError } from "../ui/form/FormError"
import { SubmitButton } from "../ui/form/SubmitButton"
import { TextField } from "../ui/form/TextField"
import { AuthLayout } from "./AuthLayout"
import { useSession } from "./SessionContext"

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))

const RegisterForm = Schema.Struct({
  name: Text(200),
  country: Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/u)),
  address: Text(500),
  phone: Phone,
  taxId: Text(40),
  ownerName: Text(200),
  email: Email,
  password: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(1024)),
})
type RegisterValues = (typeof RegisterForm)["Encoded"]

/**
 * A service centre registers itself from the sign-in page (issue 16): the centre's organisation (a
 * draft until a moderator verifies it) and its owner's account, who is signed in at once and lands
 * on the centre's page to complete the verification.
 */
export const CentreRegisterPage = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const form = createSchemaForm({
    schema: RegisterForm,
    defaultValues: {
      name: "",
      country: "KZ",
      address: "",
      phone: "",
      taxId: "",
      ownerName: "",
      email: "",
      password: "",
    } satisfies RegisterValues,
    onSubmit: async (v) => {
      const language = locale()
      await api.call(endpoints.centres.register, {
        body: { ...v, ...(LOCALES.includes(language) ? { locale: language } : {}) },
      })
      await session.login(v.email, v.password)
    },
  })
  const field = (name: keyof RegisterValues, label: string, invalid: string, type = "text") => (
    <form.form.Field name={name}>
      {(f) => (
        <TextField
          field={f}
          label={label}
          type={type}
          {...(name === "password"
            ? { autocomplete: "new-password" }
            : name === "email"
              ? { autocomplete: "email" }
              : {})}
          data-testid={`register-${name}`}
          invalid={invalid}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <Show when={session.status() !== "signedIn"} fallback={<Navigate href="/centre" />}>
      <AuthLayout>
        <form class="auth-form" onSubmit={form.handleSubmit} data-testid="register-form" novalidate>
          <h1>{t("centre.registerTitle")}</h1>
          <p class="muted">{t("centre.registerText")}</p>
          {field("name", t("centre.name"), t("centre.required"))}
          {field("country", t("centre.country"), t("centre.required"))}
          {field("address", t("centre.address"), t("centre.required"))}
          {field("phone", t("centre.phone"), t("centre.phoneInvalid"), "tel")}
          {field("taxId", t("centre.taxId"), t("centre.required"))}
          {field("ownerName", t("centre.ownerName"), t("centre.required"))}
          {field("email", t("login.email"), t("centre.emailInvalid"), "email")}
          {field("password", t("login.password"), t("centre.required"), "password")}
          <FormError error={form.formError()} />
          <SubmitButton
            submitting={form.submitting()}
            label={t("centre.registerSubmit")}
            submittingLabel={t("centre.registering")}
            testId="register-submit"
          />
          <div class="auth-form__links">
            <A href="/login" class="link-button">
              {t("centre.haveAccount")}
            </A>
          </div>
        </form>
      </AuthLayout>
    </Show>
  )
}
