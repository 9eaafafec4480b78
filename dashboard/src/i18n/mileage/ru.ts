import type { mileageEn } from "./en"

export const mileageRu: typeof mileageEn = {
  mileage: {
    dailyTitle: "Пробег по дням, последние 14 дней",
    day: "День",
    distance: "Пробег",
    flagged: "Одометр под подозрением",
    flaggedBadge: "GPS {{ km }}",
    flaggedHint:
      "Одометр помечен (замер, подкручен, откручен назад или скачок): эта часть пробега за день посчитана по GPS.",
    flaggedSummary: "{{ km }} за эти дни посчитано по GPS, потому что одометр помечен",
    empty: "За последние 14 дней пробега нет",
  },
}
