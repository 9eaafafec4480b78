import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { showToast } from "../../ui/toast"
import { OrganisationFields } from "./OrganisationFields"
import {
  type OrganisationView,
  organisationBody,
  organisationForm,
  organisationFormValues,
  settingsFieldError,
} from "./organisationForm"
import { invalidateOrganisations } from "./organisationQueries"

/**
 * Editing an organisation's name, description and settings: any organisation for the owner
 * (`organisations.update`), the caller's own for an admin (`organisation.update`).
 */
export const OrganisationEditForm = (props: {
  readonly organisation: OrganisationView
  readonly scope: "any" | "own"
}) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: organisationForm(locale()),
    defaultValues: organisationFormValues(props.organisation),
    onSubmit: async (values) => {
      const body = organisationBody(values, locale())
      const saved = await (props.scope === "any"
        ? api.call(endpoints.organisations.update, { params: { id: props.organisation.id }, body })
        : api.call(endpoints.organisations.updateCurrent, { body })
      ).catch((error: unknown) => {
        throw settingsFieldError(error)
      })
      await invalidateOrganisations(queryClient)
      // The top bar shows the acting organisation's name: renaming it renames the bar.
      if (saved.id === session.user()?.orgId) await session.load()
      showToast("success", t("organisations.saved", { name: saved.name }))
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="org-form" novalidate>
      <OrganisationFields form={form} />
      <SaveActions form={form} testId="org-submit" />
    </form>
  )
}
