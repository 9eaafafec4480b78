import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { showToast } from "../../ui/toast"
import { ContractFields } from "./ContractFields"
import type { ContractView } from "./contractColumns"
import { contractBody, contractForm, contractValues } from "./contractForm"
import { invalidateContracts } from "./contractQueries"

/** Editing a contract that is not cancelled. */
export const ContractEditForm = (props: { readonly contract: ContractView }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: contractForm(locale()),
    defaultValues: contractValues(props.contract, locale()),
    onSubmit: async (values) => {
      const { insurance, ...rest } = contractBody(values, locale())
      await api.call(endpoints.contracts.update, {
        params: { id: props.contract.id },
        // Leaving an insurance type clears the coverage on the server.
        body: { ...rest, ...(insurance === undefined ? {} : { insurance }) },
      })
      await invalidateContracts(queryClient)
      showToast("success", t("contractsPenalties.saved"))
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="contract-edit-form" novalidate>
      <ContractFields form={form} />
      <SaveActions form={form} testId="contract-save" />
    </form>
  )
}
