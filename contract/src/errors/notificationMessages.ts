import type { Messages } from "./messages.js"

/** The messages of the notifications area's codes (spread into ERROR_MESSAGES). */
export const NOTIFICATION_MESSAGES = {
  FLEET_NOTIFICATION_NOT_FOUND: {
    en: "No such notification.",
    ru: "Такого уведомления нет.",
    kk: "Мұндай хабарлама жоқ.",
    tr: "Böyle bir bildirim yok.",
  },
  FLEET_NOTIFICATION_PREFERENCES_INVALID: {
    en: "Notification preferences {field}: {detail}",
    ru: "Настройки уведомлений, поле «{field}»: {detail}",
    kk: "Хабарлама баптаулары, «{field}» өрісі: {detail}",
    tr: "Bildirim tercihleri, «{field}» alanı: {detail}",
  },
  FLEET_NOTIFICATION_SETTINGS_INVALID: {
    en: "Notification channels {field}: {detail}",
    ru: "Каналы уведомлений, поле «{field}»: {detail}",
    kk: "Хабарлама арналары, «{field}» өрісі: {detail}",
    tr: "Bildirim kanalları, «{field}» alanı: {detail}",
  },
  FLEET_WEBHOOK_NOT_FOUND: {
    en: "No such webhook.",
    ru: "Такого вебхука нет.",
    kk: "Мұндай вебхук жоқ.",
    tr: "Böyle bir webhook yok.",
  },
  FLEET_WEBHOOK_INVALID: {
    en: "Webhook {field}: {detail}",
    ru: "Вебхук, поле «{field}»: {detail}",
    kk: "Вебхук, «{field}» өрісі: {detail}",
    tr: "Webhook, «{field}» alanı: {detail}",
  },
} as const satisfies Record<string, Messages>
