import type { mileageEn } from "./en"

export const mileageTr: typeof mileageEn = {
  mileage: {
    dailyTitle: "Günlük mesafe, son 14 gün",
    day: "Gün",
    distance: "Mesafe",
    flagged: "Kilometre sayacı işaretli",
    flaggedBadge: "GPS {{ km }}",
    flaggedHint:
      "Kilometre sayacı işaretlendi (donmuş, oynanmış, geri alınmış veya sıçramış): günlük mesafenin bu kısmı GPS ile hesaplandı.",
    flaggedSummary: "Bu günlerde {{ km }} sayaç işaretli olduğu için GPS ile hesaplandı",
    empty: "Son 14 günde mesafe yok",
  },
}
