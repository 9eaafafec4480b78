import "../organisations/adminPages.css"
import "./records.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useSearchParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { ContractFields } from "./ContractFields"
import { contractBody, contractForm, newContractValues } from "./contractForm"
import { invalidateContracts } from "./contractQueries"

const NewContract = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [search] = useSearchParams<{ vehicleId?: string }>()
  const form = createSchemaForm({
    schema: contractForm(locale()),
    defaultValues: newContractValues(search.vehicleId ?? "", "KZT"),
    onSubmit: async (values) => {
      const created = await api.call(endpoints.contracts.create, { body: contractBody(values, locale()) })
      await invalidateContracts(queryClient)
      showToast("success", t("contractsPenalties.contracts.created", { contractor: created.contractor }))
      navigate(`/contracts/${created.id}`)
    },
  })
  return (
    <div class="page page--narrow">
      <PageHeader
        title={t("contractsPenalties.contracts.newTitle")}
        description={t("contractsPenalties.contracts.newDescription")}
      />
      <form class="panel form" onSubmit={form.handleSubmit} data-testid="contract-form" novalidate>
        <ContractFields form={form} />
        <FormError error={form.formError()} />
        <div class="form__actions">
          <A href="/contracts" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t("contractsPenalties.contracts.create")}
            submittingLabel={t("common.saving")}
            testId="contract-submit"
          />
        </div>
      </form>
    </div>
  )
}

/** A new contract (`contracts.manage`); `?vehicleId=` preselects the vehicle. */
export const ContractNewPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("contracts.manage")} fallback={<NotAllowedPage />}>
      <NewContract />
    </Show>
  )
}
