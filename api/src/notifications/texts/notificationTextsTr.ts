import type { NotificationTexts } from "./NotificationTexts.js"

/** Türkçe (see notificationTextsEn.ts for the conventions). */
export const notificationTextsTr: NotificationTexts = {
  severity: { info: "", warning: "[uyarı] ", critical: "[KRİTİK] " },
  messages: {
    alert: {
      title:
        "{subject, select, none {{alertTypeName}} other {{alertTypeName} · {subject}}}{vehicle, select, none {} other {: {vehicle}}}",
      body: "Açılış: {openedAt, date, moment}.",
    },
    licence_expiry: {
      title:
        "{stage, select, expired {Sürücü belgesinin süresi doldu: {driver}} other {Sürücü belgesinin süresi {days} gün içinde doluyor: {driver}}}",
      body: "{stage, select, expired {{driver} adlı sürücünün belgesinin süresi {expiresOn, date, day} tarihinde doldu.} other {{driver} adlı sürücünün belgesinin süresi {expiresOn, date, day} tarihinde doluyor.}}",
    },
    medical_expiry: {
      title:
        "{stage, select, expired {Sağlık raporunun süresi doldu: {driver}} other {Sağlık raporunun süresi {days} gün içinde doluyor: {driver}}}",
      body: "{stage, select, expired {{driver} adlı sürücünün sağlık raporunun süresi {expiresOn, date, day} tarihinde doldu.} other {{driver} adlı sürücünün sağlık raporunun süresi {expiresOn, date, day} tarihinde doluyor.}}",
    },
    contract_expiry: {
      title:
        "{stage, select, expired {Sözleşme sona erdi: {contractTypeName}, {vehicle}} other {Sözleşme {days} gün içinde sona eriyor: {contractTypeName}, {vehicle}}}",
      body: "{stage, select, expired {{contractTypeName} ({contractor}), {vehicle}: {endsOn, date, day} tarihinde sona erdi.} other {{contractTypeName} ({contractor}), {vehicle}: {endsOn, date, day} tarihinde sona eriyor.}}",
    },
    document_expiry: {
      title:
        "{stage, select, expired {Belgenin süresi doldu: {documentKindName}, {owner}} other {Belgenin süresi {days} gün içinde doluyor: {documentKindName}, {owner}}}",
      body: "{stage, select, expired {{filename} ({documentKindName}, {owner}): süresi {expiresOn, date, day} tarihinde doldu.} other {{filename} ({documentKindName}, {owner}): süresi {expiresOn, date, day} tarihinde doluyor.}}",
    },
    maintenance_days: {
      title:
        "{stage, select, overdue {Bakım gecikti: {task}, {vehicle}} other {Bakıma {days} gün kaldı: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{vehicle} için {task} en geç {dueOn, date, day} tarihinde yapılmalıydı.} other {{vehicle} için {task} en geç {dueOn, date, day} tarihinde yapılmalı.}}",
    },
    maintenance_km: {
      title:
        "{stage, select, overdue {Kilometreye göre bakım gecikti: {task}, {vehicle}} other {Bakıma {kmLeft, number, integer} km kaldı: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{vehicle} için {task} {dueKm, number, integer} km'de yapılmalıydı; kilometre sayacı {currentKm, number, integer} km gösteriyor.} other {{vehicle} için {task} {dueKm, number, integer} km'de yapılmalı; kilometre sayacı {currentKm, number, integer} km gösteriyor.}}",
    },
    budget_threshold: {
      title:
        "{threshold, select, 100 {Bütçe aşıldı: {categoryName}, {periodName}} other {Bütçenin %{threshold} kadarı kullanıldı: {categoryName}, {periodName}}}",
      body: "{periodStartsOn, date, day} tarihinden başlayan {periodName} içinde {amount} bütçenin {spent} tutarı harcandı (%{used, number, integer}).",
    },
    onboarding_review: {
      title:
        "{kind, select, vehicle {Araç} other {Sürücü}} {stage, select, under_review {incelemeyi} background_check {geçmiş kontrolünü} training {eğitimi} other {sonraki adımı}} bekliyor: {record}",
      body: "{record} şimdi {stage, select, under_review {inceleme} background_check {geçmiş kontrolü} training {eğitim} other {sonraki}} aşamasında ve sizin adımınızı bekliyor. {notes}",
    },
    onboarding_decided: {
      title:
        "{kind, select, vehicle {Araç} other {Sürücü}} {stage, select, approved {onaylandı} rejected {reddedildi} other {askıya alındı}}: {record}",
      body: "{stage, select, approved {{record} artık atanabilir.} rejected {{record} reddedildi.} other {{record} askıya alındı ve atanamaz.}} {notes}",
    },
    ticket_raised: {
      title: "Yeni talep #{number}: {title}",
      body: "{ticketTypeName} · {vehicle}",
    },
    ticket_update: {
      title: "Talep #{number}: {title}",
      body: "{change, select, status {Yeni durum: {ticketStatusName}.{comment, select, none {} other { {comment}}}} comment {Yorum: {comment}} assigned {Sorumlu: {assignee}.} unassigned {Sorumlu kaldırıldı.} repair {Servis defterinde bir onarım açıldı.} task {Talepten bir görev oluşturuldu.} other {Talep güncellendi.}}",
    },
    task_assigned: {
      title: "Size görev atandı: {title}",
      body: "{due, select, yes {Son tarih: {dueAt, date, moment}.} other {Son tarih yok.}}{team, select, none {} other { Ekip: {team}.}}",
    },
    task_opened: {
      title: "Kimseye atanmamış yeni görev: {title}",
      body: "{due, select, yes {Son tarih: {dueAt, date, moment}.} other {Son tarih yok.}}{team, select, none {} other { Ekip: {team}.}}",
    },
    task_due_soon: {
      title: "Görevin süresi yaklaşıyor: {title}",
      body: "Son tarih: {dueAt, date, moment}; şu an: {statusLabel}.",
    },
    task_overdue: {
      title: "Görev gecikti: {title}",
      body: "Son tarih {dueAt, date, moment} idi, durum: {statusLabel}.",
    },
    change_request: {
      title:
        "{stage, select, proposed {Değişiklik önerildi} approved {Değişiklik onaylandı} other {Değişiklik reddedildi}}: {vehicle}",
      body: "{stage, select, proposed {Önerilen değişiklikler: {fields}; yalnızca onaylandıktan sonra uygulanır.} approved {Değişiklikler uygulandı: {fields}.} other {Değişiklikler uygulanmadı ({fields}): {reason}}}",
    },
    service_visit: {
      title:
        "{stage, select, opened {Servis ziyareti açıldı} completed {Servis ziyareti onay bekliyor} confirmed {Servis ziyareti onaylandı} disputed {Servis ziyaretine itiraz edildi} cancelled {Servis ziyareti iptal edildi} upheld {İtiraz kabul edildi} other {İtiraz reddedildi}}: {vehicle}",
      body: "{centre} · {stage, select, completed {Yapılan işleri ve tutarını ({cost}) onaylayın ya da itiraz edin.} confirmed {Ziyaret servis defterine ve giderlere işlendi.} disputed {Gerekçe: {reason}} cancelled {Gerekçe: {reason}} upheld {Moderatörler itirazı kabul etti. {reason}} rejected {Moderatörler itirazı reddetti. {reason}} other {Çalışma başladı.}}",
    },
    centre_decision: {
      title:
        "{decision, select, approve {Servis merkeziniz doğrulandı} reject {Doğrulama reddedildi} suspend {Servis merkeziniz askıya alındı} other {Servis merkeziniz yeniden etkin}}",
      body: "{decision, select, approve {Artık çalışan ekleyebilir ve araç sahiplerinden erişim isteyebilirsiniz.} reject {Neden: {reason}. Bilgileri düzeltip yeniden gönderin.} suspend {Neden: {reason}.} other {Erişiminiz yeniden çalışıyor.}}",
    },
    vehicle_access: {
      title:
        "{change, select, requested {{centre}, {vehicle} için erişim istiyor} approved {{vehicle} için erişim verildi} refused {{vehicle} için erişim reddedildi} redeemed {{centre}, {vehicle} için davet kodunuzu kullandı} other {{vehicle} için erişim geri alındı}}",
      body: "{change, select, requested {Talebi araç erişimi bölümünde onaylayın veya reddedin.} approved {{centre} artık araç üzerinde çalışabilir.} refused {{centre}: araç sahibi talebi reddetti.} redeemed {{centre} artık araç üzerinde çalışabilir. Kod yanlış ellere geçtiyse erişimi araç erişimi bölümünden geri alın.} other {{centre} artık erişime sahip değil.}}",
    },
  },
  labels: {
    alertType: {
      overspeed: "Hız aşımı",
      geofence_enter: "Coğrafi bölgeye giriş",
      geofence_exit: "Coğrafi bölgeden çıkış",
      device_offline: "Cihaz çevrim dışı",
      dtc: "Motor arıza kodu",
      device_alarm: "Takip cihazından alarm",
      low_battery: "Düşük akü",
      odometer_rollback: "Kilometre geri sarma",
      odometer_jump: "Kilometre sıçraması",
      odometer_mismatch: "Kilometre uyuşmazlığı",
      odometer_frozen: "Kilometre sayacı dondu",
      odometer_manual_jump: "Elle girilen okumada sıçrama",
      fuel_drop: "Yakıt seviyesi düşüşü",
      fuel_fill: "Sensöre göre dolum",
      fuel_theft: "Yakıt hırsızlığı şüphesi",
      fuel_consumption: "Yakıt tüketimi anomalisi",
      fuel_card_limit: "Yakıt kartı limiti",
      fuel_refuel_mismatch: "Sensörde artış olmadan yakıt alımı",
      maintenance_due: "Bakım zamanı",
      maintenance_overdue: "Bakım gecikti",
      rental_expiring: "Kiralama bitiyor",
    },
    contractType: {
      leasing: "Leasing",
      rental: "Kiralama",
      insurance_casco: "Kasko sigortası",
      insurance_osago: "Zorunlu trafik sigortası",
      warranty: "Garanti",
      service_contract: "Servis sözleşmesi",
    },
    documentKind: {
      photo: "Fotoğraf",
      scan: "Tarama",
      invoice: "Fatura",
      receipt: "Fiş",
      act: "Tutanak",
      contract: "Sözleşme",
      licence: "Ehliyet",
      medical: "Sağlık raporu",
      insurance: "Sigorta poliçesi",
      registration: "Ruhsat",
      other: "Belge",
    },
    category: {
      all: "tüm kategoriler",
      fuel: "yakıt",
      parts: "yedek parça",
      service: "servis",
      insurance: "sigorta",
      tax: "vergi",
      fine: "cezalar",
      parking: "otopark",
      toll: "otoyol ücretleri",
      washing: "yıkama",
      rental: "kiralama",
      other: "diğer",
    },
    period: { month: "ay", quarter: "çeyrek", year: "yıl" },
    ticketType: {
      breakdown: "Arıza",
      accident: "Kaza",
      damage: "Hasar",
      fuel_card: "Yakıt kartı sorunu",
      document: "Belge sorunu",
      other: "Diğer",
    },
    ticketStatus: { open: "açık", in_progress: "devam ediyor", resolved: "çözüldü", rejected: "reddedildi" },
  },
  facts: {
    labels: {
      code: "Arıza kodu",
      alarm: "Alarm",
      limitKmh: "Hız limiti",
      maxKmh: "En yüksek hız",
      sinceMs: "Başlangıç",
      startMs: "Başladı",
      endMs: "Bitti",
      lastDataAt: "Son veri",
      previousM: "Önceki sayaç",
      currentM: "Sonraki sayaç",
      decreaseM: "Geri alınan",
      increaseM: "Sıçrama",
      elapsedS: "Okumalar arası süre",
      impliedKmh: "Hesaplanan hız",
      maxPlausibleM: "Makul en fazla mesafe",
      odometerM: "Sayaç mesafesi",
      gpsM: "GPS mesafesi",
      diffPct: "Fark",
      windowM: "Karşılaştırma aralığı",
      valueKm: "Okuma",
      kmPerDay: "Hesaplanan günlük mesafe",
      maxKmPerDay: "Makul en fazla günlük mesafe",
      fromL: "Önceki seviye",
      toL: "Sonraki seviye",
      litres: "Miktar",
      expectedL: "Beklenen",
      actualL: "Alınan",
      differencePct: "Fark",
      paidL: "Ödenen",
      sensorL: "Sensörün gördüğü",
      missingL: "Eksik",
      minV: "En düşük voltaj",
      thresholdV: "Eşik",
      dueBy: "Vade ölçütü",
      dueDate: "Vade tarihi",
      dueOdometerKm: "Vade kilometresi",
      daysLeft: "Kalan süre",
      kmLeft: "Kalan mesafe",
      periodStart: "Dönem başlangıcı",
      task: "Bakım",
      cardLimit: "Limit aşıldı",
    },
    alarms: {
      sos: "SOS",
      power_cut: "Güç kesintisi",
      vibration: "Titreşim",
      overspeed: "Hız aşımı",
      geofence_enter: "Bölgeye giriş",
      geofence_exit: "Bölgeden çıkış",
      low_battery: "Düşük pil",
      tamper: "Kurcalama",
    },
    dueByKm: "Kilometre",
    dueByDate: "Tarih",
    noSensorFill: "Dolum görülmedi",
    cardLimit: "{limit} limitine karşı {spent} harcandı",
    litres: "{value} L",
    volts: "{value} V",
    kmPerDay: "{value} km/gün",
  },
}
