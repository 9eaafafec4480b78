/** Kazakh strings of Telegram: linking in the profile, the Mini App's entry, the bot's address (issue 16). */
export const telegramKk = {
  telegram: {
    section: "Telegram",
    sectionText:
      "Telegram тіркелгісін бір рет байланыстырыңыз: ұйымның боты хабарландыруларыңызды жібереді, FleetCore-ды құпиясөзсіз шағын қолданба ретінде ашады және одометр мен жанармай чектерінің фотоларын қабылдайды.",
    unavailable:
      "Ұйымыңыздың Telegram боты әлі бапталмаған. Әкімші оны «Хабарландыру арналары» бөлімінде баптайды.",
    linkedAs: "{{ date }} бастап {{ account }} тіркелгісіне байланыстырылған.",
    link: "Telegram-ды байланыстыру",
    unlink: "Ажырату",
    unlinkTitle: "Telegram-ды ажырату керек пе?",
    unlinkText:
      "Бот сізге жазуды тоқтатады, ал шағын қолданба сізді кіргізбейді. Кез келген уақытта қайта байланыстыруға болады.",
    unlinked: "Telegram ажыратылды",
    linkedToast: "Telegram байланыстырылды",
    codeTitle: "Байланыстыру кодыңыз",
    codeText:
      "Ботты ашып, «Бастау» түймесін басыңыз немесе оған /start {{ code }} жіберіңіз. Код бір рет, {{ time }} дейін жарамды.",
    openBot: "Ботты ашу",
    scan: "Немесе телефон камерасымен сканерлеңіз.",
    waiting: "Ботты күтудеміз…",
    miniAppTitle: "Telegram-дағы FleetCore",
    signingIn: "Кіру орындалуда…",
    notFromTelegram: "Бұл бетті ұйымыңыздың Telegram ботынан ашыңыз (мәзір түймесі).",
    linkTitle: "Тіркелгіңізді байланыстырыңыз",
    linkText:
      "Бұл Telegram тіркелгісі FleetCore-ға әлі байланыстырылмаған. FleetCore веб-нұсқасында профильді ашып, «Telegram-ды байланыстыру» тармағын таңдап, кодты осында енгізіңіз.",
    code: "Байланыстыру коды",
    codeInvalid: "Он әріп пен сан",
    signIn: "Байланыстырып кіру",
    miniAppAddress: "Шағын қолданба мекенжайы",
    miniAppAddressText:
      "Ұйым қызметкерлері FleetCore-ды боттан ашуы үшін бұл мекенжайды @BotFather-де боттың шағын қолданбасы (мәзір түймесі) ретінде көрсетіңіз.",
  },
}
