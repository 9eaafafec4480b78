import "../../organisations/adminPages.css"
import "./schedules.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useSearchParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../../api/ApiContext"
import { useSession } from "../../../auth/SessionContext"
import { useI18n } from "../../../i18n/I18nContext"
import { createSchemaForm } from "../../../ui/form/createSchemaForm"
import { SubmitButton } from "../../../ui/form/SubmitButton"
import { PageHeader } from "../../../ui/PageHeader"
import { showToast } from "../../../ui/toast"
import { isReportName } from "../reportQuery"
import { FiltersNote } from "./FiltersNote"
import { ScheduleFields } from "./ScheduleFields"
import { filtersOf, newScheduleValues, ScheduleForm, scheduleBody } from "./scheduleForm"
import { invalidateSchedules } from "./scheduleQueries"

/**
 * A new schedule. A report page's "Schedule this report" opens it with `?report=` and the page's
 * filters, which the schedule keeps.
 */
export const ScheduleNewPage = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [params] = useSearchParams<Record<string, string>>()
  const filters = filtersOf(params)
  const report = isReportName(params.report) ? params.report : "tco"
  const form = createSchemaForm({
    schema: ScheduleForm,
    defaultValues: newScheduleValues(report, locale(), session.user()?.email ?? ""),
    onSubmit: async (values) => {
      const created = await api.call(endpoints.reportSchedules.create, {
        body: scheduleBody(values, filters),
      })
      await invalidateSchedules(queryClient)
      showToast("success", t("reportSchedules.created", { name: created.name }))
      navigate(`/reports/schedules/${created.id}`)
    },
  })
  return (
    <div class="page page--narrow">
      <PageHeader title={t("reportSchedules.newTitle")} description={t("reportSchedules.description")} />
      <form class="panel form" onSubmit={form.handleSubmit} data-testid="schedule-form" novalidate>
        <FiltersNote filters={filters} />
        <ScheduleFields form={form} />
        <div class="form__actions">
          <A href="/reports/schedules" class="button">
            {t("common.cancel")}
          </A>
          <SubmitButton
            submitting={form.submitting()}
            label={t("reportSchedules.create")}
            submittingLabel={t("reportSchedules.creating")}
            testId="schedule-submit"
          />
        </div>
      </form>
    </div>
  )
}
