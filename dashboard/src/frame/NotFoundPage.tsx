import { A } from "@solidjs/router"
import { MapPinOff } from "lucide-solid"
import { useI18n } from "../i18n/I18nContext"
import { EmptyState } from "../ui/EmptyState"

export const NotFoundPage = () => {
  const { t } = useI18n()
  return (
    <div class="page page--centered" data-testid="not-found">
      <EmptyState
        heading="h1"
        icon={<MapPinOff size={22} />}
        title={t("frame.notFoundTitle")}
        description={t("frame.notFoundText")}
        action={
          <A href="/" class="button">
            {t("frame.goHome")}
          </A>
        }
      />
    </div>
  )
}
