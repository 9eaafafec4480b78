import type { analyticsEn } from "./en"

export const analyticsTr: typeof analyticsEn = {
  analytics: {
    title: "SQL",
    description:
      "Kuruluşunuzun ClickHouse tablolarında salt okunur SQL. Yalnızca kuruluşunuzun satırları görünür; bir sorgu en fazla 15 saniye çalışır ve en fazla 10.000 satır döndürür.",
    editorLabel: "Sorgu",
    run: "Çalıştır",
    running: "Çalışıyor…",
    shortcut: "Ctrl+Enter sorguyu çalıştırır",
    tables: "Tablolar",
    examples: "Örnekler",
    insertTable: "{{ table }} için bir sorgu ekle",
    loadingTables: "Tablolar yükleniyor…",
    results: "Sonuçlar",
    summary: "{{ rows }} satır · {{ ms }} ms",
    truncated: "Yalnızca ilk {{ rows }} satır gösteriliyor: sorgu daha fazlasını buldu.",
    empty: "Sorgu hiç satır döndürmedi",
    noQueryYet: "Bir sorgu yazın veya bir örnek seçin, sonra çalıştırın",
    rejected: "Sorgu reddedildi",
    failed: "ClickHouse sorguyu çalıştıramadı",
    timeout: "Sorgu çok uzun sürdü",
    exampleDailyDistance: "Araç başına günlük mesafe (km)",
    exampleFuelPer100km: "Araç başına 100 km'de yakıt, seferlerden",
    exampleSpeedingMinutes: "Araç ve gün başına 90 km/s üzerindeki dakikalar",
    exampleTimeInArea:
      "Bir alan içindeki dakikalar (bir coğrafi sınırın köşeleri, boylam/enlem) araç ve gün başına",
    exampleFuelDrops: "Park hâlindeyken yakıt düşüşleri, araç başına",
    tablePositions: "Kabul edilen her telemetri noktası",
    tableTrips: "Motorun çıkardığı seferler (en yeni sürüm)",
    tableDailyMileage: "Araç başına günlük mesafe",
    tableDailyMileageDriver: "Sürücü, araç ve gün başına mesafe",
    tableFuelEvents: "Yakıt seviyesi sensörü düşüşleri ve dolumları",
    tableDeadLetters: "Kuruluşun cihazlarından reddedilen girdi",
    error: "Sorgu başarısız oldu",
  },
}
