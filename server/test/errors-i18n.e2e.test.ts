import { ERROR_MESSAGES, errorMessage } from "@fleetcore/contract"
import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, login, startHarness } from "./harness.js"

/** Error messages in the caller's language, with the code and field unchanged. */
let h: Harness

interface ErrorBody {
  readonly error: {
    readonly code: string
    readonly message: string
    readonly field?: string
    readonly detail?: string
  }
}

const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: r.status, body: (await r.json()) as ErrorBody }
}

beforeAll(async () => {
  h = await startHarness()
  const org = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM organisations WHERE slug = 'demo'",
  )
  const hash = await hashSecret("a-password-for-tests")
  await h.fleet.db.system.query(
    `INSERT INTO users (org_id, email, name, password_hash, role, locale)
     VALUES ($1, 'viewer-ru@demo.fleetcore.local', 'Зритель', $2, 'viewer', 'ru'),
            ($1, 'admin-ru@demo.fleetcore.local', 'Администратор', $2, 'admin', 'ru'),
            ($1, 'admin-kk@demo.fleetcore.local', 'Әкімші', $2, 'admin', 'kk'),
            ($1, 'admin-tr@demo.fleetcore.local', 'Yönetici', $2, 'admin', 'tr')`,
    [org.rows[0]?.id, hash],
  )
})
afterAll(async () => {
  await h?.close()
})

describe("errors in the caller's language", () => {
  it("answers by Accept-Language in ru, kk and tr, and English by default", async () => {
    for (const [header, language] of [
      ["ru-RU,ru;q=0.9,en;q=0.5", "ru"],
      ["kk", "kk"],
      ["de;q=1, tr;q=0.8", "tr"],
    ] as const) {
      const r = await call("GET", "/api/v1/me", { "accept-language": header })
      expect(r.status).toBe(401)
      expect(r.body.error).toEqual({
        code: "FLEET_AUTH_REQUIRED",
        message: ERROR_MESSAGES.FLEET_AUTH_REQUIRED[language],
      })
    }
    const english = await call("GET", "/api/v1/me", {})
    expect(english.body.error.code).toBe("FLEET_AUTH_REQUIRED")
    expect(english.body.error.message).toMatch(/access token is required/u)
    const unsupported = await call("GET", "/api/v1/me", { "accept-language": "fr-FR, de" })
    expect(unsupported.body.error.message).toBe(english.body.error.message)
  })

  it("explains a refused field in the caller's language, keeping code and field", async () => {
    const r = await call(
      "POST",
      "/api/v1/auth/login",
      { "accept-language": "kk" },
      { email: "ab", password: "x" },
    )
    expect(r.status).toBe(400)
    expect(r.body.error).toEqual({
      code: "FLEET_AUTH_LOGIN_INVALID",
      field: "email",
      message: "«email» өрісі қате толтырылған: кемінде 3 таңба болуы керек",
      detail: "кемінде 3 таңба болуы керек",
    })
    const english = await call("POST", "/api/v1/auth/login", {}, { email: "ab", password: "x" })
    expect(english.body.error).toEqual({
      code: "FLEET_AUTH_LOGIN_INVALID",
      field: "email",
      message: "email: must be at least 3 characters",
      detail: "must be at least 3 characters",
    })
    const missing = await call("POST", "/api/v1/auth/login", { "accept-language": "ru" }, { email: "a@b.kz" })
    expect(missing.body.error).toEqual({
      code: "FLEET_AUTH_LOGIN_INVALID",
      field: "password",
      message: "Поле «password» заполнено неверно: обязательное поле, но оно не передано",
      detail: "обязательное поле, но оно не передано",
    })
  })

  it("explains a length, a missing key, a wrong type and a number out of range in ru, kk and tr", async () => {
    const refusals = [
      { body: { name: "x".repeat(201) }, en: "must be at most 200 characters" },
      { body: {}, en: "required, but missing" },
      { body: { name: 42 }, en: "must be text" },
      { body: { name: "Bus 7", seats: 0 }, field: "seats", en: "must be from 1 to 200" },
    ]
    const expected: Record<"ru" | "kk" | "tr", ReadonlyArray<string>> = {
      ru: [
        "допускается не более 200 символов",
        "обязательное поле, но оно не передано",
        "ожидается текст",
        "должно быть от 1 до 200",
      ],
      kk: [
        "ең көбі 200 таңба болуы керек",
        "бұл өріс міндетті, бірақ ол берілмеген",
        "күтілетін мән: мәтін",
        "ең кемі 1, ең көбі 200 болуы керек",
      ],
      tr: [
        "en fazla 200 karakter olmalı",
        "bu alan zorunlu ama gönderilmemiş",
        "beklenen: metin",
        "1 ile 200 arasında olmalı",
      ],
    }
    const english = await login(h.fleet, "admin@demo.fleetcore.local", "demo-password-for-tests")
    for (const [i, refusal] of refusals.entries()) {
      const field = refusal.field ?? "name"
      const r = await call(
        "POST",
        "/api/v1/vehicles",
        { authorization: `Bearer ${english.token}` },
        refusal.body,
      )
      expect(r.body.error).toEqual({
        code: "FLEET_VEHICLE_INVALID",
        field,
        message: `${field}: ${refusal.en}`,
        detail: refusal.en,
      })
      for (const language of ["ru", "kk", "tr"] as const) {
        const user = await login(h.fleet, `admin-${language}@demo.fleetcore.local`, "a-password-for-tests")
        const localized = await call(
          "POST",
          "/api/v1/vehicles",
          { authorization: `Bearer ${user.token}` },
          refusal.body,
        )
        expect(localized.status).toBe(400)
        const detail = expected[language][i] ?? ""
        expect(localized.body.error).toEqual({
          code: "FLEET_VEHICLE_INVALID",
          field,
          message: errorMessage("FLEET_VEHICLE_INVALID", language, { field, detail }),
          detail,
        })
        // No English left in the sentence: none of the English explanation's words, and in Russian
        // and Kazakh nothing in Latin script but the field's own name.
        const message = localized.body.error.message.replace(`«${field}»`, "")
        for (const word of refusal.en.split(/[^a-z]+/u).filter((w) => w.length > 2)) {
          expect(message, language).not.toMatch(new RegExp(`\\b${word}\\b`, "iu"))
        }
        if (language !== "tr") expect(message, language).not.toMatch(/[A-Za-z]/u)
      }
    }
  })

  it("answers in the user's own language, which wins over Accept-Language", async () => {
    const viewer = await login(h.fleet, "viewer-ru@demo.fleetcore.local", "a-password-for-tests")
    for (const headers of [{}, { "accept-language": "tr" }]) {
      const forbidden = await call("GET", "/api/v1/audit", {
        authorization: `Bearer ${viewer.token}`,
        ...headers,
      })
      expect(forbidden.status).toBe(403)
      expect(forbidden.body.error).toEqual({
        code: "FLEET_FORBIDDEN",
        message: ERROR_MESSAGES.FLEET_FORBIDDEN.ru,
      })
    }
    const admin = await login(h.fleet, "admin-tr@demo.fleetcore.local", "a-password-for-tests")
    const query = await call("GET", "/api/v1/audit?pageSize=100000", {
      authorization: `Bearer ${admin.token}`,
      "accept-language": "ru",
    })
    expect(query.status).toBe(400)
    expect(query.body.error.code).toBe("FLEET_QUERY_INVALID")
    expect(query.body.error.field).toBe("pageSize")
    expect(query.body.error.message).toMatch(/^«pageSize» sorgu parametresi hatalı: .+/u)
    // A user who keeps English gets English whatever the browser asks for.
    const english = await login(h.fleet, "admin@demo.fleetcore.local", "demo-password-for-tests")
    const plain = await call("GET", "/api/v1/audit?pageSize=100000", {
      authorization: `Bearer ${english.token}`,
      "accept-language": "ru",
    })
    expect(plain.body.error.message).toMatch(/^pageSize: /u)
  })

  it("localizes the sign-in answers the dashboard shows", async () => {
    const wrong = await call(
      "POST",
      "/api/v1/auth/login",
      { "accept-language": "ru" },
      { email: "nobody@demo.fleetcore.local", password: "whatever" },
    )
    expect(wrong.status).toBe(401)
    expect(wrong.body.error).toEqual({
      code: "FLEET_AUTH_INVALID_CREDENTIALS",
      message: ERROR_MESSAGES.FLEET_AUTH_INVALID_CREDENTIALS.ru,
    })
  })

  it("answers the API's own refusals in ru, kk and tr, not with an English sentence inside", async () => {
    const someVehicle = "7d0e2f4a-1b2c-4d3e-8f40-5a6b7c8d9e0f"
    const someDriver = "0b1c2d3e-4f50-4a6b-9c7d-8e9f0a1b2c3d"
    type Refusal = {
      readonly status: number
      readonly code: string
      readonly field: string | null
      readonly en: string
      readonly detail: Record<"ru" | "kk" | "tr", string>
      readonly send: (token: string, language: string) => Promise<Response>
    }
    const json = (method: string, path: string, body: unknown) => (token: string, language: string) =>
      fetch(`${h.fleet.httpUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          "accept-language": language,
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      })
    const refusals: ReadonlyArray<Refusal> = [
      {
        // was "endsAt must be after startsAt"
        status: 400,
        code: "FLEET_ASSIGNMENT_INVALID",
        field: "endsAt",
        en: "must be after the start",
        detail: {
          ru: "должно быть позже начала",
          kk: "басталу уақытынан кейін болуы керек",
          tr: "başlangıçtan sonra olmalı",
        },
        send: json("POST", `/api/v1/vehicles/${someVehicle}/assignments`, {
          driverId: someDriver,
          startsAt: "2026-05-02T08:00:00Z",
          endsAt: "2026-05-01T08:00:00Z",
        }),
      },
      {
        // was "a track covers at most 31 days": the number and its plural in each language
        status: 400,
        code: "FLEET_QUERY_INVALID",
        field: "to",
        en: "a period covers at most 31 days",
        detail: {
          ru: "период охватывает не более 31 дня",
          kk: "кезең ең көбі 31 күн қамтиды",
          tr: "bir dönem en fazla 31 gün kapsar",
        },
        send: (token, language) =>
          fetch(
            `${h.fleet.httpUrl}/api/v1/vehicles/${someVehicle}/track?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
            { headers: { authorization: `Bearer ${token}`, "accept-language": language } },
          ),
      },
      {
        // was 'state "visit" is declared twice'
        status: 422,
        code: "FLEET_TASK_TEMPLATE_INVALID",
        field: "states[1].key",
        en: 'state "visit" is declared twice',
        detail: {
          ru: "состояние «visit» объявлено дважды",
          kk: "«visit» күйі екі рет жарияланған",
          tr: "«visit» durumu iki kez tanımlanmış",
        },
        send: json("POST", "/api/v1/task-templates", {
          name: "Twice",
          states: [
            { key: "visit", label: "Visit", initial: true },
            { key: "visit", label: "Again", final: true },
          ],
          transitions: [],
          triggers: [],
        }),
      },
      {
        // was 'unknown column "color"': a CSV user's own column name, in their language's frame
        status: 400,
        code: "FLEET_IMPORT_CSV_INVALID",
        field: "color",
        en: 'unknown column "color"',
        detail: {
          ru: "неизвестный столбец «color»",
          kk: "белгісіз баған: «color»",
          tr: "bilinmeyen sütun: «color»",
        },
        send: (token, language) =>
          fetch(`${h.fleet.httpUrl}/api/v1/imports/vehicles`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${token}`,
              "accept-language": language,
              "content-type": "text/csv",
            },
            body: "name,color\r\nBus 7,red\r\n",
          }),
      },
    ]
    const english = await login(h.fleet, "admin@demo.fleetcore.local", "demo-password-for-tests")
    for (const refusal of refusals) {
      const plain = (await (await refusal.send(english.token, "en")).json()) as ErrorBody
      expect(plain.error, refusal.code).toEqual({
        code: refusal.code,
        ...(refusal.field === null ? {} : { field: refusal.field }),
        // English names the field as its message does: not for the CSV file, whose frame is its own.
        message: refusal.code === "FLEET_IMPORT_CSV_INVALID" ? refusal.en : `${refusal.field}: ${refusal.en}`,
        detail: refusal.en,
      })
      for (const language of ["ru", "kk", "tr"] as const) {
        const user = await login(h.fleet, `admin-${language}@demo.fleetcore.local`, "a-password-for-tests")
        const answer = await refusal.send(user.token, "en")
        expect(answer.status, `${refusal.code} ${language}`).toBe(refusal.status)
        const { error } = (await answer.json()) as ErrorBody
        const detail = refusal.detail[language]
        expect(error, `${refusal.code} ${language}`).toEqual({
          code: refusal.code,
          ...(refusal.field === null ? {} : { field: refusal.field }),
          message: errorMessage(refusal.code, language, { field: refusal.field ?? "body", detail }),
          detail,
        })
        // None of the English reason's words is left in the answer (the field and the values as
        // they were sent aside), and in Russian and Kazakh nothing in Latin script but those.
        const message = error.message
          .replace(`«${refusal.field}»`, "")
          .replace(/«[a-z_]+»|from|to\b|CSV/gu, "")
        for (const word of refusal.en
          .split(/[^a-z]+/u)
          .filter((w) => w.length > 2 && w !== "color" && w !== "visit")) {
          expect(message, `${refusal.code} ${language}`).not.toMatch(new RegExp(`\\b${word}\\b`, "iu"))
        }
        if (language !== "tr") expect(message, `${refusal.code} ${language}`).not.toMatch(/[A-Za-z]/u)
      }
    }
  })

  it("answers a weak password in the user's language, naming why without the field's wire key", async () => {
    const user = await login(h.fleet, "admin-ru@demo.fleetcore.local", "a-password-for-tests")
    const r = await call(
      "POST",
      "/api/v1/me/password",
      { authorization: `Bearer ${user.token}` },
      { currentPassword: "a-password-for-tests", newPassword: "admin-ru@demo.fleetcore.local" },
    )
    expect(r.status).toBe(422)
    expect(r.body.error).toEqual({
      code: "FLEET_PASSWORD_WEAK",
      field: "newPassword",
      message: "Пароль слишком слабый: не должен совпадать с вашим адресом электронной почты или именем",
      detail: "не должен совпадать с вашим адресом электронной почты или именем",
    })
  })

  it("reports refused lines of a rates file in the user's language", async () => {
    const user = await login(h.fleet, "admin-kk@demo.fleetcore.local", "a-password-for-tests")
    const r = await fetch(`${h.fleet.httpUrl}/api/v1/currency-rates/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({ csv: "date;currency;rate\n2026-05-02;XX;1\n2026-05-03;EUR;-1\n" }),
    })
    expect(r.status).toBe(200)
    const report = (await r.json()) as {
      errors: ReadonlyArray<{ line: number; field: string; message: string }>
    }
    expect(report.errors).toEqual([
      { line: 2, field: "currency", message: "«XX» — USD сияқты валюта коды емес" },
      { line: 3, field: "rate", message: "«-1» — нөлден үлкен бағам емес" },
    ])
  })
})
