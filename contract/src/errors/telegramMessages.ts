import type { Messages } from "./messages.js"

/** The messages of Telegram's codes: linking and the Mini App's sign-in (spread into ERROR_MESSAGES). */
export const TELEGRAM_MESSAGES = {
  FLEET_TELEGRAM_NOT_CONFIGURED: {
    en: "The organisation's Telegram bot is not set up. An administrator sets it up under Notification channels.",
    ru: "Telegram-бот организации не настроен. Администратор настраивает его в разделе «Каналы уведомлений».",
    kk: "Ұйымның Telegram боты бапталмаған. Әкімші оны «Хабарландыру арналары» бөлімінде баптайды.",
    tr: "Kuruluşun Telegram botu kurulmamış. Bir yönetici onu Bildirim kanalları bölümünde kurar.",
  },
  FLEET_TELEGRAM_SIGN_IN_INVALID: {
    en: "The sign-in request is malformed: it needs organisationId, initData and optionally a linkCode.",
    ru: "Запрос входа составлен неверно: нужны organisationId, initData и при необходимости linkCode.",
    kk: "Кіру сұрауы қате: organisationId, initData және қажет болса linkCode керек.",
    tr: "Giriş isteği hatalı: organisationId, initData ve gerekirse linkCode gerekir.",
  },
  FLEET_TELEGRAM_INIT_DATA_INVALID: {
    en: "Telegram's sign-in data is not signed by this organisation's bot or is too old. Open the app from the bot again.",
    ru: "Данные входа Telegram не подписаны ботом этой организации или устарели. Откройте приложение из бота заново.",
    kk: "Telegram кіру деректеріне осы ұйымның боты қол қоймаған немесе олар ескірген. Қолданбаны боттан қайта ашыңыз.",
    tr: "Telegram giriş verisi bu kuruluşun botu tarafından imzalanmamış ya da çok eski. Uygulamayı bottan yeniden açın.",
  },
  FLEET_TELEGRAM_NOT_LINKED: {
    en: "This Telegram account is not linked to a FleetCore login yet. Enter the link code from your profile.",
    ru: "Этот аккаунт Telegram ещё не привязан к учётной записи FleetCore. Введите код привязки из профиля.",
    kk: "Бұл Telegram тіркелгісі FleetCore тіркелгісіне әлі байланыстырылмаған. Профильдегі байланыстыру кодын енгізіңіз.",
    tr: "Bu Telegram hesabı henüz bir FleetCore hesabına bağlanmadı. Profilinizdeki bağlama kodunu girin.",
  },
  FLEET_TELEGRAM_LINK_CODE_INVALID: {
    en: "The link code is wrong, already used or expired. Make a new one in your profile.",
    ru: "Код привязки неверен, уже использован или истёк. Создайте новый в профиле.",
    kk: "Байланыстыру коды қате, қолданылған немесе мерзімі өткен. Профильде жаңасын жасаңыз.",
    tr: "Bağlama kodu yanlış, kullanılmış ya da süresi dolmuş. Profilinizde yenisini oluşturun.",
  },
} as const satisfies Record<string, Messages>
