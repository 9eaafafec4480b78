import "./adminPages.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { OrganisationFields } from "./OrganisationFields"
import { NEW_ORGANISATION, organisationBody, organisationForm, settingsFieldError } from "./organisationForm"
import { invalidateOrganisations } from "./organisationQueries"

/** A new organisation (owner): name, description and settings; then its page. */
export const OrganisationNewPage = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: organisationForm(locale()),
    defaultValues: NEW_ORGANISATION,
    onSubmit: async (values) => {
      const created = await api
        .call(endpoints.organisations.create, { body: organisationBody(values, locale()) })
        .catch((error: unknown) => {
          throw settingsFieldError(error)
        })
      await invalidateOrganisations(queryClient)
      showToast("success", t("organisations.created", { name: created.name }))
      navigate(`/organisations/${created.id}`)
    },
  })

  return (
    <div class="page page--narrow">
      <PageHeader title={t("organisations.newTitle")} description={t("organisations.newDescription")} />
      <form class="panel form" onSubmit={form.handleSubmit} data-testid="org-form" novalidate>
        <OrganisationFields form={form} />
        <FormError error={form.formError()} />
        <div class="form__actions">
          <A href="/organisations" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t("organisations.create")}
            submittingLabel={t("organisations.creating")}
            testId="org-submit"
          />
        </div>
      </form>
    </div>
  )
}
