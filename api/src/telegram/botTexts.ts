import type { Language } from "@fleetcore/contract"

/** What the bot says, in the four languages of the dashboard. `{x}` is filled in by `botText`. */
const TEXTS = {
  en: {
    welcome:
      "Hello! To link your FleetCore account, open your profile in FleetCore, choose «Link Telegram» and follow the link it shows.",
    linked:
      "Linked to {name}. Your notifications will come here. Send a photo of the odometer or of a fuel receipt to record it.",
    codeInvalid: "This code is wrong, already used or expired. Make a new one in your FleetCore profile.",
    notLinked:
      "This Telegram account is not linked to FleetCore yet. Open your profile in FleetCore and choose «Link Telegram».",
    help: "Send a photo of the odometer or of a fuel receipt: I read it and ask you to confirm before anything is recorded.",
    noVehicle: "No vehicle is assigned to you now, so the photo cannot be recorded against one.",
    notAllowed: "Your role cannot record this.",
    photoRefused: "This photo cannot be used: {reason}",
    askKind: "What is on the photo?",
    odometer: "Odometer",
    fuelReceipt: "Fuel receipt",
    nothingRead: "Nothing usable was read on the photo. Try a sharper photo, or enter it in the app.",
    pickOdometer: "Odometer of {vehicle}: pick the right reading. Nothing is recorded until you pick.",
    pickRefuel:
      "Refuel of {vehicle}: {litres} L, amount {amount}, {date}. Record it? Nothing is recorded until you confirm.",
    record: "Record",
    noneRight: "None is right",
    dismissed: "Nothing was recorded.",
    recordedOdometer: "Recorded: {km} km on {vehicle}.",
    recordedRefuel: "Recorded: refuel of {litres} L on {vehicle}.",
    failed: "Not recorded: {reason}",
    decided: "This photo was already answered.",
    unknownAmount: "not read",
    busy: "Reading the photo failed: {reason}",
  },
  ru: {
    welcome:
      "Здравствуйте! Чтобы привязать учётную запись FleetCore, откройте профиль в FleetCore, выберите «Привязать Telegram» и перейдите по ссылке.",
    linked:
      "Привязано к {name}. Уведомления будут приходить сюда. Отправьте фото одометра или чека заправки, чтобы записать их.",
    codeInvalid: "Код неверен, уже использован или истёк. Создайте новый в профиле FleetCore.",
    notLinked:
      "Этот аккаунт Telegram ещё не привязан к FleetCore. Откройте профиль в FleetCore и выберите «Привязать Telegram».",
    help: "Отправьте фото одометра или чека заправки: я распознаю его и попрошу подтвердить, прежде чем что-то записать.",
    noVehicle: "За вами сейчас не закреплён автомобиль, поэтому фото не к чему записать.",
    notAllowed: "Ваша роль не позволяет это записать.",
    photoRefused: "Это фото нельзя использовать: {reason}",
    askKind: "Что на фото?",
    odometer: "Одометр",
    fuelReceipt: "Чек заправки",
    nothingRead:
      "На фото ничего не удалось распознать. Попробуйте более чёткое фото или введите данные в приложении.",
    pickOdometer:
      "Одометр {vehicle}: выберите верное показание. Ничего не записывается, пока вы не выберете.",
    pickRefuel:
      "Заправка {vehicle}: {litres} л, сумма {amount}, {date}. Записать? Ничего не записывается без подтверждения.",
    record: "Записать",
    noneRight: "Ничего не подходит",
    dismissed: "Ничего не записано.",
    recordedOdometer: "Записано: {km} км, {vehicle}.",
    recordedRefuel: "Записано: заправка {litres} л, {vehicle}.",
    failed: "Не записано: {reason}",
    decided: "На это фото уже ответили.",
    unknownAmount: "не распознана",
    busy: "Не удалось распознать фото: {reason}",
  },
  kk: {
    welcome:
      "Сәлеметсіз бе! FleetCore тіркелгісін байланыстыру үшін FleetCore-дағы профильді ашып, «Telegram-ды байланыстыру» тармағын таңдап, сілтемеге өтіңіз.",
    linked:
      "{name} тіркелгісіне байланыстырылды. Хабарландырулар осында келеді. Жазу үшін одометрдің немесе жанармай чегінің фотосын жіберіңіз.",
    codeInvalid: "Код қате, қолданылған немесе мерзімі өткен. FleetCore профилінде жаңасын жасаңыз.",
    notLinked:
      "Бұл Telegram тіркелгісі FleetCore-ға әлі байланыстырылмаған. FleetCore-дағы профильді ашып, «Telegram-ды байланыстыру» тармағын таңдаңыз.",
    help: "Одометрдің немесе жанармай чегінің фотосын жіберіңіз: мен оны танып, бірдеңе жазбас бұрын растауды сұраймын.",
    noVehicle: "Сізге қазір көлік бекітілмеген, сондықтан фотоны жазатын жер жоқ.",
    notAllowed: "Рөліңіз мұны жазуға рұқсат бермейді.",
    photoRefused: "Бұл фотоны пайдалану мүмкін емес: {reason}",
    askKind: "Фотода не бар?",
    odometer: "Одометр",
    fuelReceipt: "Жанармай чегі",
    nothingRead: "Фотодан ештеңе танылмады. Анығырақ фото жіберіңіз немесе деректерді қолданбада енгізіңіз.",
    pickOdometer: "{vehicle} одометрі: дұрыс көрсеткішті таңдаңыз. Таңдағанша ештеңе жазылмайды.",
    pickRefuel:
      "{vehicle} жанармай құю: {litres} л, сома {amount}, {date}. Жазу керек пе? Растамайынша ештеңе жазылмайды.",
    record: "Жазу",
    noneRight: "Ешқайсысы дұрыс емес",
    dismissed: "Ештеңе жазылған жоқ.",
    recordedOdometer: "Жазылды: {km} км, {vehicle}.",
    recordedRefuel: "Жазылды: {litres} л жанармай, {vehicle}.",
    failed: "Жазылмады: {reason}",
    decided: "Бұл фотоға жауап берілген.",
    unknownAmount: "танылмады",
    busy: "Фотоны тану мүмкін болмады: {reason}",
  },
  tr: {
    welcome:
      "Merhaba! FleetCore hesabınızı bağlamak için FleetCore'da profilinizi açın, «Telegram'ı bağla»yı seçin ve gösterilen bağlantıyı izleyin.",
    linked:
      "{name} hesabına bağlandı. Bildirimleriniz buraya gelecek. Kaydetmek için kilometre sayacının veya yakıt fişinin fotoğrafını gönderin.",
    codeInvalid: "Bu kod yanlış, kullanılmış ya da süresi dolmuş. FleetCore profilinizde yenisini oluşturun.",
    notLinked:
      "Bu Telegram hesabı henüz FleetCore'a bağlanmadı. FleetCore'da profilinizi açın ve «Telegram'ı bağla»yı seçin.",
    help: "Kilometre sayacının veya bir yakıt fişinin fotoğrafını gönderin: okurum ve bir şey kaydetmeden önce onayınızı isterim.",
    noVehicle: "Şu anda size atanmış bir araç yok; fotoğraf bir araca kaydedilemez.",
    notAllowed: "Rolünüz bunu kaydedemez.",
    photoRefused: "Bu fotoğraf kullanılamıyor: {reason}",
    askKind: "Fotoğrafta ne var?",
    odometer: "Kilometre sayacı",
    fuelReceipt: "Yakıt fişi",
    nothingRead:
      "Fotoğrafta kullanılabilir bir şey okunamadı. Daha net bir fotoğraf deneyin veya uygulamadan girin.",
    pickOdometer: "{vehicle} kilometre sayacı: doğru değeri seçin. Siz seçene kadar hiçbir şey kaydedilmez.",
    pickRefuel:
      "{vehicle} yakıt alımı: {litres} L, tutar {amount}, {date}. Kaydedilsin mi? Onaylamadan hiçbir şey kaydedilmez.",
    record: "Kaydet",
    noneRight: "Hiçbiri doğru değil",
    dismissed: "Hiçbir şey kaydedilmedi.",
    recordedOdometer: "Kaydedildi: {km} km, {vehicle}.",
    recordedRefuel: "Kaydedildi: {litres} L yakıt, {vehicle}.",
    failed: "Kaydedilmedi: {reason}",
    decided: "Bu fotoğraf zaten yanıtlandı.",
    unknownAmount: "okunamadı",
    busy: "Fotoğraf okunamadı: {reason}",
  },
} as const satisfies Record<Language, Record<string, string>>

export type BotTextKey = keyof (typeof TEXTS)["en"]

/** The bot's text `key` in `language`, with `{name}`-style slots filled from `values`. */
export const botText = (
  language: Language,
  key: BotTextKey,
  values: Readonly<Record<string, string | number>> = {},
): string => TEXTS[language][key].replace(/\{(\w+)\}/gu, (slot, name: string) => String(values[name] ?? slot))

/**
 * The inputs a photo's record can be refused on, named as the driver knows them from the bot's
 * own words (not by the API's wire keys).
 */
const FIELDS = {
  en: {
    valueKm: "odometer reading",
    at: "time",
    time: "time",
    litres: "litres",
    amount: "amount",
    files: "photo",
  },
  ru: {
    valueKm: "показание одометра",
    at: "время",
    time: "время",
    litres: "литры",
    amount: "сумма",
    files: "фото",
  },
  kk: {
    valueKm: "одометр көрсеткіші",
    at: "уақыт",
    time: "уақыт",
    litres: "литр",
    amount: "сома",
    files: "фото",
  },
  tr: {
    valueKm: "kilometre okuması",
    at: "saat",
    time: "saat",
    litres: "litre",
    amount: "tutar",
    files: "fotoğraf",
  },
} as const satisfies Record<Language, Record<string, string>>

/**
 * Why the API refused what the bot tried, for `{reason}`: an explained refusal's reason with the
 * input it concerns in the bot's words, "(time)"; else the API's whole message (already in
 * `language`, localizeError).
 */
export const botReason = (
  language: Language,
  refusal: { readonly field: string | null; readonly detail: string | null; readonly message: string },
): string => {
  if (refusal.detail === null) return refusal.message
  const names: Readonly<Record<string, string>> = FIELDS[language]
  const name =
    refusal.field !== null && Object.hasOwn(names, refusal.field) ? names[refusal.field] : undefined
  return name === undefined ? refusal.detail : `${refusal.detail} (${name})`
}

/** The dashboard's language closest to a Telegram client's `language_code` (English otherwise). */
export const languageOfTelegram = (code: string | undefined): Language => {
  const base = (code ?? "").slice(0, 2).toLowerCase()
  return base === "ru" || base === "kk" || base === "tr" ? base : "en"
}
