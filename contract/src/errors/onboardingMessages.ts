import type { Messages } from "./messages.js"

/** The messages of the onboarding area's codes (spread into ERROR_MESSAGES). */
export const ONBOARDING_MESSAGES = {
  FLEET_ONBOARDING_INVALID: {
    en: "Onboarding {field}: {detail}",
    ru: "Допуск, поле «{field}»: {detail}",
    kk: "Рұқсат беру, «{field}» өрісі: {detail}",
    tr: "Kabul süreci, «{field}» alanı: {detail}",
  },
  FLEET_ONBOARDING_STEP_INVALID: {
    en: "This onboarding step is not allowed at the record's current stage.",
    ru: "Этот шаг допуска невозможен на текущем этапе записи.",
    kk: "Бұл рұқсат беру қадамы жазбаның ағымдағы кезеңінде мүмкін емес.",
    tr: "Bu kabul adımı kaydın şu anki aşamasında yapılamaz.",
  },
  FLEET_ONBOARDING_CHECKLIST_INCOMPLETE: {
    en: "The vehicle cannot be approved until every checklist item is done.",
    ru: "Транспортное средство нельзя допустить, пока не выполнены все пункты проверки.",
    kk: "Тексеру тізімінің барлық тармағы орындалмайынша көлікті рұқсат етуге болмайды.",
    tr: "Kontrol listesinin tüm maddeleri tamamlanmadan araç onaylanamaz.",
  },
  FLEET_VEHICLE_NOT_APPROVED: {
    en: "The vehicle has not passed onboarding yet: only approved vehicles can be assigned a driver.",
    ru: "Транспортное средство ещё не прошло допуск: водителя можно закрепить только за допущенным.",
    kk: "Көлік әлі рұқсаттан өтпеген: жүргізушіні тек рұқсат етілген көлікке бекітуге болады.",
    tr: "Araç henüz kabul sürecini tamamlamadı: yalnızca onaylı araçlara sürücü atanabilir.",
  },
  FLEET_DRIVER_NOT_APPROVED: {
    en: "The driver has not been approved yet (background check and training): they cannot be assigned a vehicle.",
    ru: "Водитель ещё не допущен (проверка и обучение): за ним нельзя закрепить транспортное средство.",
    kk: "Жүргізуші әлі рұқсат алмаған (тексеру және оқыту): оған көлік бекітуге болмайды.",
    tr: "Sürücü henüz onaylanmadı (geçmiş kontrolü ve eğitim): araç atanamaz.",
  },
} as const satisfies Record<string, Messages>
