/** English strings of Telegram: linking in the profile, the Mini App's entry, the bot's address (issue 16). */
export const telegramEn = {
  telegram: {
    section: "Telegram",
    sectionText:
      "Link your Telegram account once: the organisation's bot then sends your notifications, opens FleetCore as a Mini App without a password, and takes photos of the odometer and of fuel receipts.",
    unavailable:
      "Your organisation's Telegram bot is not set up yet. An administrator sets it up under Notification channels.",
    linkedAs: "Linked to {{ account }} since {{ date }}.",
    link: "Link Telegram",
    unlink: "Unlink",
    unlinkTitle: "Unlink Telegram?",
    unlinkText:
      "The bot stops writing to you and the Mini App no longer signs you in. You can link again at any time.",
    unlinked: "Telegram unlinked",
    linkedToast: "Telegram linked",
    codeTitle: "Your link code",
    codeText:
      "Open the bot and press Start, or send it /start {{ code }}. The code works once, until {{ time }}.",
    openBot: "Open the bot",
    scan: "Or scan this with your phone's camera.",
    waiting: "Waiting for the bot…",
    miniAppTitle: "FleetCore in Telegram",
    signingIn: "Signing you in…",
    notFromTelegram: "Open this page from your organisation's Telegram bot (its menu button).",
    linkTitle: "Link your account",
    linkText:
      "This Telegram account is not linked to FleetCore yet. In FleetCore on the web, open your profile, choose «Link Telegram» and type the code here.",
    code: "Link code",
    codeInvalid: "Ten letters and digits",
    signIn: "Link and sign in",
    miniAppAddress: "Mini App address",
    miniAppAddressText:
      "Give this address to @BotFather as the bot's Mini App (menu button) so that the organisation's people open FleetCore from the bot.",
  },
}
