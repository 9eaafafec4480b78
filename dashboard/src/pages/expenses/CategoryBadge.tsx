import type { EXPENSE_CATEGORIES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"

export type Category = (typeof EXPENSE_CATEGORIES)[number]

/** An expense category as a coloured badge (one hue per category, `expenses.css`). */
export const CategoryBadge = (props: { readonly category: Category }) => {
  const { t } = useI18n()
  return (
    <span class={`badge expense-category expense-category--${props.category}`} data-testid="expense-category">
      {t(`expenses.category_${props.category}`)}
    </span>
  )
}
