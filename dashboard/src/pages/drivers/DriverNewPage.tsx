import "../organisations/adminPages.css"
import "./drivers.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { DriverFormView } from "./DriverFormView"
import { NEW_DRIVER, newDriverBody } from "./driverForm"
import { invalidateDrivers } from "./driverQueries"

const NewDriverPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return (
    <div class="page page--narrow">
      <PageHeader title={t("drivers.newTitle")} description={t("drivers.newDescription")} />
      <section class="panel">
        <DriverFormView
          initial={NEW_DRIVER}
          withStatus={true}
          submitLabel={t("drivers.create")}
          cancel={
            <A href="/drivers" class="button">
              {t("common.cancel")}
            </A>
          }
          onSubmit={async (values) => {
            const created = await api.call(endpoints.drivers.create, { body: newDriverBody(values) })
            await invalidateDrivers(queryClient)
            showToast("success", t("drivers.created", { name: created.fullName }))
            navigate(`/drivers/${created.id}`)
          }}
        />
      </section>
    </div>
  )
}

/** A new driver (`drivers.manage`): every seed 000 field; a login can be given on their page. */
export const DriverNewPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("drivers.manage")} fallback={<NotAllowedPage />}>
      <NewDriverPage />
    </Show>
  )
}
