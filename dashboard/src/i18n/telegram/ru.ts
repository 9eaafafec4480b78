/** Russian strings of Telegram: linking in the profile, the Mini App's entry, the bot's address (issue 16). */
export const telegramRu = {
  telegram: {
    section: "Telegram",
    sectionText:
      "Привяжите аккаунт Telegram один раз: бот организации будет присылать ваши уведомления, открывать FleetCore как мини-приложение без пароля и принимать фото одометра и чеков заправки.",
    unavailable:
      "Telegram-бот вашей организации ещё не настроен. Администратор настраивает его в разделе «Каналы уведомлений».",
    linkedAs: "Привязан к {{ account }} с {{ date }}.",
    link: "Привязать Telegram",
    unlink: "Отвязать",
    unlinkTitle: "Отвязать Telegram?",
    unlinkText:
      "Бот перестанет вам писать, а мини-приложение — входить за вас. Привязать снова можно в любой момент.",
    unlinked: "Telegram отвязан",
    linkedToast: "Telegram привязан",
    codeTitle: "Ваш код привязки",
    codeText:
      "Откройте бота и нажмите «Старт» или отправьте ему /start {{ code }}. Код действует один раз, до {{ time }}.",
    openBot: "Открыть бота",
    scan: "Или отсканируйте камерой телефона.",
    waiting: "Ждём бота…",
    miniAppTitle: "FleetCore в Telegram",
    signingIn: "Выполняем вход…",
    notFromTelegram: "Откройте эту страницу из Telegram-бота вашей организации (кнопка меню).",
    linkTitle: "Привяжите учётную запись",
    linkText:
      "Этот аккаунт Telegram ещё не привязан к FleetCore. В веб-версии FleetCore откройте профиль, выберите «Привязать Telegram» и введите код здесь.",
    code: "Код привязки",
    codeInvalid: "Десять букв и цифр",
    signIn: "Привязать и войти",
    miniAppAddress: "Адрес мини-приложения",
    miniAppAddressText:
      "Укажите этот адрес в @BotFather как мини-приложение бота (кнопка меню), чтобы сотрудники открывали FleetCore из бота.",
  },
}
