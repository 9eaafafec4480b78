/** Turkish strings of Telegram: linking in the profile, the Mini App's entry, the bot's address (issue 16). */
export const telegramTr = {
  telegram: {
    section: "Telegram",
    sectionText:
      "Telegram hesabınızı bir kez bağlayın: kuruluşun botu bildirimlerinizi gönderir, FleetCore'u şifresiz bir Mini App olarak açar ve kilometre sayacı ile yakıt fişi fotoğraflarını alır.",
    unavailable:
      "Kuruluşunuzun Telegram botu henüz kurulmadı. Bir yönetici onu Bildirim kanalları bölümünde kurar.",
    linkedAs: "{{ date }} tarihinden beri {{ account }} hesabına bağlı.",
    link: "Telegram'ı bağla",
    unlink: "Bağlantıyı kaldır",
    unlinkTitle: "Telegram bağlantısı kaldırılsın mı?",
    unlinkText:
      "Bot size yazmayı bırakır ve Mini App artık sizi oturum açtırmaz. İstediğiniz zaman yeniden bağlayabilirsiniz.",
    unlinked: "Telegram bağlantısı kaldırıldı",
    linkedToast: "Telegram bağlandı",
    codeTitle: "Bağlama kodunuz",
    codeText:
      "Botu açıp Başlat'a basın ya da ona /start {{ code }} gönderin. Kod bir kez, {{ time }} saatine kadar geçerlidir.",
    openBot: "Botu aç",
    scan: "Ya da telefonunuzun kamerasıyla tarayın.",
    waiting: "Bot bekleniyor…",
    miniAppTitle: "Telegram'da FleetCore",
    signingIn: "Oturum açılıyor…",
    notFromTelegram: "Bu sayfayı kuruluşunuzun Telegram botundan (menü düğmesi) açın.",
    linkTitle: "Hesabınızı bağlayın",
    linkText:
      "Bu Telegram hesabı henüz FleetCore'a bağlı değil. FleetCore web sürümünde profilinizi açın, «Telegram'ı bağla»yı seçin ve kodu buraya yazın.",
    code: "Bağlama kodu",
    codeInvalid: "On harf ve rakam",
    signIn: "Bağla ve oturum aç",
    miniAppAddress: "Mini App adresi",
    miniAppAddressText:
      "Kuruluşun çalışanlarının FleetCore'u bottan açması için bu adresi @BotFather'da botun Mini App'i (menü düğmesi) olarak verin.",
  },
}
