import type { Messages } from "./messages.js"

/** The messages of the maintenance workflow's codes (spread into ERROR_MESSAGES). */
export const MAINTENANCE_MESSAGES = {
  FLEET_MAINTENANCE_TEMPLATE_NOT_FOUND: {
    en: "No such maintenance template.",
    ru: "Такого шаблона обслуживания нет.",
    kk: "Мұндай қызмет көрсету үлгісі жоқ.",
    tr: "Böyle bir bakım şablonu yok.",
  },
  FLEET_MAINTENANCE_TASK_INVALID: {
    en: "Maintenance task {field}: {detail}",
    ru: "Задача обслуживания, поле «{field}»: {detail}",
    kk: "Қызмет көрсету тапсырмасы, «{field}» өрісі: {detail}",
    tr: "Bakım görevi, «{field}» alanı: {detail}",
  },
  FLEET_MAINTENANCE_MOVE_ILLEGAL: {
    en: "The maintenance task cannot move there from its current state.",
    ru: "Задачу обслуживания нельзя перевести в это состояние из текущего.",
    kk: "Қызмет көрсету тапсырмасын ағымдағы күйден бұл күйге ауыстыруға болмайды.",
    tr: "Bakım görevi mevcut durumundan bu duruma taşınamaz.",
  },
} as const satisfies Record<string, Messages>
