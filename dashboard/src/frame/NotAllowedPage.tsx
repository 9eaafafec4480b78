import { A } from "@solidjs/router"
import { ShieldX } from "lucide-solid"
import { useI18n } from "../i18n/I18nContext"
import { EmptyState } from "../ui/EmptyState"

/** A page the user's role may not open (typed in, or an old bookmark). */
export const NotAllowedPage = () => {
  const { t } = useI18n()
  return (
    <div class="page page--centered" data-testid="not-allowed">
      <EmptyState
        heading="h1"
        icon={<ShieldX size={22} />}
        title={t("frame.notAllowedTitle")}
        description={t("frame.notAllowedText")}
        action={
          <A href="/" class="button">
            {t("frame.goHome")}
          </A>
        }
      />
    </div>
  )
}
