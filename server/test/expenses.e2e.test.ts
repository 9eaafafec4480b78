import { EXPENSE_CATEGORIES } from "@fleetcore/contract"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

let h: Harness
let admin: ApiClient
let other: ApiClient
let vehicleId: string

interface Expense {
  id: string
  vehicleId: string
  category: string
  amount: string | null
  currency: string
  date: string
  time: string | null
  orgCurrency: string
  orgAmount: string | null
  rate: string | null
  rateDate: string | null
  rateMissing: boolean
  fuel: {
    litres: number
    pricePerLitre: string | null
    odometerKm: number | null
    checkSkipped: string | null
    anomaly: boolean
    anomalyStatus: string
    consumption: { expectedL: number } | null
  } | null
  error?: { code: string; field: string }
}

interface ExpenseList {
  items: Expense[]
  total: number
  totals: { orgCurrency: string; orgAmount: string; count: number; unconverted: number }
}

const create = (body: Record<string, unknown>) =>
  admin.call<Expense>("POST", "/api/v1/expenses", { vehicleId, ...body })

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const [org] = (
    await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
  ).rows
  // The demo organisation keeps its books in tenge, in Almaty (UTC+5).
  await h.fleet.db.system.query(
    `UPDATE organisations SET settings = settings || '{"currency": "KZT", "timezone": "Asia/Almaty"}'::jsonb WHERE id = $1`,
    [org?.id],
  )
  const type = await h.fleet.db.system.query<{ id: string }>(
    "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Expenses 8L', 8.0) RETURNING id",
    [org?.id],
  )
  const v = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: "Expenses test",
    plate: "EXP 01",
    vehicleTypeId: type.rows[0]?.id,
  })
  vehicleId = v.body.id
  const b = await createOrg(h.fleet, "expenses-b", "org-b-password-1")
  other = await login(h.fleet, b.email, "org-b-password-1")
})
afterAll(async () => {
  await h?.close()
})

describe("expenses", () => {
  it("records an expense of every category, in the organisation's currency at rate 1", async () => {
    for (const category of EXPENSE_CATEGORIES) {
      const e = await create({
        category,
        amount: "1000.00",
        date: "2026-01-15",
        vendor: `Vendor ${category}`,
        ...(category === "fuel" ? { litres: 20 } : {}),
      })
      expect(e.status, JSON.stringify(e.body)).toBe(201)
      expect(e.body).toMatchObject({
        category,
        amount: "1000.00",
        currency: "KZT",
        orgAmount: "1000.00",
        rate: "1",
      })
      expect(e.body.fuel === null).toBe(category !== "fuel")
    }
    const listed = await admin.call<ExpenseList>("GET", "/api/v1/expenses?to=2026-01-31&from=2026-01-01")
    expect(listed.body.total).toBe(EXPENSE_CATEGORIES.length)
    expect(listed.body.totals).toMatchObject({ orgCurrency: "KZT", orgAmount: "11000.00", unconverted: 0 })
  })

  it("keeps money exact: cents add up without float error, and floats are refused", async () => {
    for (const amount of ["0.10", "0.20", "1234567890.01"]) {
      expect((await create({ category: "parking", amount, date: "2026-02-03" })).status).toBe(201)
    }
    const sum = await admin.call<ExpenseList>("GET", "/api/v1/expenses?from=2026-02-03&to=2026-02-03")
    expect(sum.body.totals.orgAmount).toBe("1234567890.31")
    const float = await create({ category: "parking", amount: 0.1, date: "2026-02-03" })
    expect(float.status).toBe(400)
    expect(float.body.error).toMatchObject({ code: "FLEET_EXPENSE_INVALID", field: "amount" })
    const noAmount = await create({ category: "toll", date: "2026-02-03" })
    expect(noAmount.body.error).toMatchObject({ code: "FLEET_EXPENSE_INVALID", field: "amount" })
    const litresOnToll = await create({ category: "toll", amount: "5.00", date: "2026-02-03", litres: 5 })
    expect(litresOnToll.body.error).toMatchObject({ code: "FLEET_EXPENSE_INVALID", field: "litres" })
  })

  it("reads a date alone as that day in the organisation's zone, and an instant by its local day", async () => {
    const day = await create({ category: "washing", amount: "3000.00", date: "2026-03-01" })
    expect(day.body).toMatchObject({ date: "2026-03-01", time: null })
    // 20:30 UTC on 28 February is 01:30 on 1 March in Almaty.
    const late = await create({ category: "washing", amount: "3000.00", date: "2026-02-28T20:30:00Z" })
    expect(late.body).toMatchObject({ date: "2026-03-01", time: "2026-02-28T20:30:00.000Z" })
    const stored = await h.fleet.db.system.query<{ at: Date }>(
      "SELECT spent_at AS at FROM expenses WHERE id = $1",
      [day.body.id],
    )
    expect(stored.rows[0]?.at.toISOString()).toBe("2026-02-28T19:00:00.000Z")
  })

  it("converts with the latest rate on or before the day, and again when a rate is added later", async () => {
    const usd = await create({ category: "parts", amount: "100.00", currency: "USD", date: "2026-04-10" })
    expect(usd.body).toMatchObject({ orgAmount: null, rate: null, rateMissing: true })
    const listed = await admin.call<ExpenseList>("GET", "/api/v1/expenses?currency=USD")
    expect(listed.body.totals).toMatchObject({ orgAmount: "0.00", unconverted: 1 })

    const rate = await admin.call<{ id: string; rate: string }>("POST", "/api/v1/currency-rates", {
      currency: "USD",
      date: "2026-04-01",
      rate: "512.3456",
    })
    expect(rate.status).toBe(201)
    const after = await admin.call<Expense>("GET", `/api/v1/expenses/${usd.body.id}`)
    expect(after.body).toMatchObject({
      orgAmount: "51234.56",
      rate: "512.3456",
      rateDate: "2026-04-01",
      rateMissing: false,
    })
    // A rate nearer the day (still before it) takes over; one after the day does not apply.
    await admin.call("POST", "/api/v1/currency-rates", { currency: "USD", date: "2026-04-09", rate: "500" })
    await admin.call("POST", "/api/v1/currency-rates", { currency: "USD", date: "2026-04-11", rate: "600" })
    const nearer = await admin.call<Expense>("GET", `/api/v1/expenses/${usd.body.id}`)
    expect(nearer.body).toMatchObject({ orgAmount: "50000.00", rateDate: "2026-04-09" })
    const dup = await admin.call<{ error: { code: string } }>("POST", "/api/v1/currency-rates", {
      currency: "USD",
      date: "2026-04-09",
      rate: "501",
    })
    expect(dup.status).toBe(409)
    expect(dup.body.error.code).toBe("FLEET_CURRENCY_RATE_EXISTS")
    const own = await admin.call("POST", "/api/v1/currency-rates", {
      currency: "KZT",
      date: "2026-04-09",
      rate: "1",
    })
    expect(own.status).toBe(400)
  })

  it("imports rates from a CSV, reporting refused rows by line, and converts what they cover", async () => {
    const eur = await create({ category: "insurance", amount: "10.00", currency: "EUR", date: "2026-05-20" })
    expect(eur.body.rateMissing).toBe(true)
    const csv =
      "date;currency;rate\n2026-05-01;EUR;560,10\n2026-05-02;XX;1\n2026-13-01;EUR;1\n2026-05-03;EUR;-1\n"
    const report = await admin.call<{
      imported: number
      replaced: number
      errors: Array<{ line: number; field: string }>
    }>("POST", "/api/v1/currency-rates/import", { csv })
    expect(report.status).toBe(200)
    expect(report.body.imported).toBe(1)
    expect(report.body.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "currency"],
      [4, "date"],
      [5, "rate"],
    ])
    expect((await admin.call<Expense>("GET", `/api/v1/expenses/${eur.body.id}`)).body.orgAmount).toBe(
      "5601.00",
    )
    const again = await admin.call<{ imported: number; replaced: number }>(
      "POST",
      "/api/v1/currency-rates/import",
      {
        csv: "date,currency,rate\n2026-05-01,EUR,550\n",
      },
    )
    expect(again.body).toMatchObject({ imported: 0, replaced: 1 })
    expect((await admin.call<Expense>("GET", `/api/v1/expenses/${eur.body.id}`)).body.orgAmount).toBe(
      "5500.00",
    )
  })
})

describe("a fuel expense is the refuel", () => {
  let car: string
  beforeAll(async () => {
    const type = (
      await h.fleet.db.system.query<{ id: string }>(
        "SELECT vehicle_type_id AS id FROM vehicles WHERE id = $1",
        [vehicleId],
      )
    ).rows[0]?.id
    car = (
      await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
        name: "Refuels",
        plate: "EXP 02",
        vehicleTypeId: type,
      })
    ).body.id
  })

  it("shows a refuel entered by the fuel endpoint as an expense, and a fuel expense as a checked refuel", async () => {
    const first = await admin.call<{ id: string; baseline: boolean; amount: string | null }>(
      "POST",
      `/api/v1/vehicles/${car}/fuel-entries`,
      { time: "2026-06-01T08:00:00Z", litres: 50, amount: "12500.00", odometerKm: 10_000 },
    )
    expect(first.status).toBe(201)
    expect(first.body.baseline).toBe(true)
    const asExpense = await admin.call<Expense>("GET", `/api/v1/expenses/${first.body.id}`)
    expect(asExpense.body).toMatchObject({ category: "fuel", amount: "12500.00", currency: "KZT" })
    expect(asExpense.body.fuel).toMatchObject({
      litres: 50,
      pricePerLitre: "250.00",
      checkSkipped: "first_refuel",
    })

    // 500 km at 8 L/100 km = 40 L expected; 48 L is 20% over: an anomaly.
    const high = await admin.call<Expense>("POST", "/api/v1/expenses", {
      vehicleId: car,
      category: "fuel",
      amount: "12000.00",
      date: "2026-06-05T08:00:00Z",
      litres: 48,
      odometerKm: 10_500,
    })
    expect(high.status).toBe(201)
    expect(high.body.fuel).toMatchObject({ anomaly: true, anomalyStatus: "unchecked", checkSkipped: null })
    expect(high.body.fuel?.consumption?.expectedL).toBe(40)
    const refuels = await admin.call<{ items: Array<{ id: string; anomaly: boolean }> }>(
      "GET",
      `/api/v1/fuel-entries?vehicleId=${car}`,
    )
    expect(refuels.body.items.map((r) => r.id).sort()).toEqual([first.body.id, high.body.id].sort())
    const alerts = await admin.call<{ items: Array<{ type: string; key: string }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${car}`,
    )
    expect(alerts.body.items).toContainEqual(
      expect.objectContaining({ type: "fuel_consumption", key: high.body.id }),
    )
    // One record: deleting the expense deletes the refuel.
    expect((await admin.call("DELETE", `/api/v1/expenses/${high.body.id}`)).status).toBe(204)
    const left = await admin.call<{ total: number }>("GET", `/api/v1/fuel-entries?vehicleId=${car}`)
    expect(left.body.total).toBe(1)
  })

  it("takes litres without an amount or an odometer and says why the check could not run", async () => {
    const noReceipt = await admin.call<{ id: string; amount: string | null; checkSkipped: string | null }>(
      "POST",
      `/api/v1/vehicles/${car}/fuel-entries`,
      { time: "2026-06-10", litres: 30 },
    )
    expect(noReceipt.status).toBe(201)
    expect(noReceipt.body).toMatchObject({ amount: null, checkSkipped: "no_odometer" })
    const e = await admin.call<Expense>("GET", `/api/v1/expenses/${noReceipt.body.id}`)
    expect(e.body).toMatchObject({
      amount: null,
      orgAmount: null,
      rateMissing: false,
      date: "2026-06-10",
      time: null,
    })
    const after = await admin.call<Expense>("POST", "/api/v1/expenses", {
      vehicleId: car,
      category: "fuel",
      amount: "9000.00",
      date: "2026-06-12",
      litres: 36,
      odometerKm: 10_900,
    })
    expect(after.body.fuel?.checkSkipped).toBe("previous_no_odometer")
    // Editing the odometer into the receipt-less refuel lets both checks run.
    const edited = await admin.call<Expense>("PATCH", `/api/v1/expenses/${noReceipt.body.id}`, {
      odometerKm: 10_400,
    })
    expect(edited.status).toBe(200)
    expect(edited.body.fuel).toMatchObject({ checkSkipped: null, odometerKm: 10_400 })
    const rechecked = await admin.call<Expense>("GET", `/api/v1/expenses/${after.body.id}`)
    expect(rechecked.body.fuel?.consumption?.expectedL).toBe(40)
    const back = await admin.call<Expense>("POST", "/api/v1/expenses", {
      vehicleId: car,
      category: "fuel",
      amount: "100.00",
      date: "2026-06-13",
      litres: 1,
      odometerKm: 10_800,
    })
    expect(back.body.error).toMatchObject({ code: "FLEET_FUEL_ODOMETER_NOT_INCREASING", field: "odometerKm" })
  })
})

describe("budgets", () => {
  it("compares a budget with the converted expenses of its period and category", async () => {
    const fuel = await admin.call<{ id: string; start: string; end: string }>("POST", "/api/v1/budgets", {
      category: "washing",
      period: "month",
      start: "2026-03-17",
      amount: "10000.00",
    })
    expect(fuel.status).toBe(201)
    expect(fuel.body).toMatchObject({ start: "2026-03-01", end: "2026-03-31" })
    const all = await admin.call("POST", "/api/v1/budgets", {
      period: "quarter",
      start: "2026-04-01",
      amount: "50000",
    })
    expect(all.status).toBe(201)
    const dup = await admin.call("POST", "/api/v1/budgets", {
      period: "quarter",
      start: "2026-05-05",
      amount: "1",
    })
    expect(dup.status).toBe(409)
    const report = await admin.call<{
      items: Array<{
        category: string | null
        actual: string
        remaining: string
        usedPct: number
        unconverted: number
      }>
    }>("GET", "/api/v1/budgets/vs-actual?from=2026-03-01&to=2026-06-30")
    expect(report.status).toBe(200)
    // March: the two 3000 washes of 1 March. Q2: USD parts 50000.00 + EUR insurance 5500.00 + the
    // fuel of June (12500 + 9000; the 12000 refuel was deleted, the receipt-less one has no amount).
    expect(report.body.items).toEqual([
      expect.objectContaining({ category: "washing", actual: "6000.00", remaining: "4000.00", usedPct: 60 }),
      expect.objectContaining({ category: null, actual: "77000.00", remaining: "-27000.00", unconverted: 1 }),
    ])
  })
})

describe("list totals", () => {
  // October 2025 belongs to this test alone: every expense of that month is on `mine`.
  const month = "from=2025-10-01&to=2025-10-31"
  let mine: string
  const sumOf = (items: Expense[]) =>
    (
      items.reduce(
        (cents, e) => cents + (e.orgAmount === null ? 0 : Math.round(Number(e.orgAmount) * 100)),
        0,
      ) / 100
    ).toFixed(2)

  /** The month's totals three ways: the daily totals, the expenses themselves (a vehicle filter), the items. */
  const expectConsistent = async (count: number, orgAmount: string, unconverted: number) => {
    const byDays = await admin.call<ExpenseList>("GET", `/api/v1/expenses?${month}&pageSize=200`)
    const byRows = await admin.call<ExpenseList>(
      "GET",
      `/api/v1/expenses?${month}&vehicleId=${mine}&pageSize=200`,
    )
    for (const listed of [byDays, byRows]) {
      expect(listed.status).toBe(200)
      expect(listed.body.total).toBe(count)
      expect(listed.body.totals).toMatchObject({ count, orgAmount, unconverted })
      expect(listed.body.items).toHaveLength(count)
      expect(sumOf(listed.body.items)).toBe(Number(orgAmount).toFixed(2))
    }
  }

  beforeAll(async () => {
    mine = (await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Totals", plate: "TOT 01" }))
      .body.id
  })

  it("counts and sums the same from the daily totals as from the expenses, through every change", async () => {
    const add = (body: Record<string, unknown>) =>
      admin.call<Expense>("POST", "/api/v1/expenses", { vehicleId: mine, ...body })
    const wash = await add({ category: "washing", amount: "1500.00", date: "2025-10-02" })
    const parts = await add({ category: "parts", amount: "20000.50", date: "2025-10-02T09:30:00+05:00" })
    const usd = await add({ category: "service", amount: "100.00", currency: "CHF", date: "2025-10-03" })
    const fuel = await add({ category: "fuel", litres: 40, date: "2025-10-04" })
    for (const e of [wash, parts, usd, fuel]) expect(e.status, JSON.stringify(e.body)).toBe(201)
    // The CHF service has no rate yet and the receipt-less refuel no amount: both unconverted.
    await expectConsistent(4, "21500.50", 2)

    expect(
      (await admin.call("PATCH", `/api/v1/expenses/${wash.body.id}`, { amount: "1700.00" })).status,
    ).toBe(200)
    await expectConsistent(4, "21700.50", 2)
    // Moving an expense to another day of the month moves it between two daily rows.
    expect(
      (await admin.call("PATCH", `/api/v1/expenses/${parts.body.id}`, { date: "2025-10-20" })).status,
    ).toBe(200)
    await expectConsistent(4, "21700.50", 2)
    // A rate for CHF converts the service (a repricing UPDATE of the expenses).
    expect(
      (
        await admin.call("POST", "/api/v1/currency-rates", {
          currency: "CHF",
          date: "2025-10-01",
          rate: "550",
        })
      ).status,
    ).toBe(201)
    await expectConsistent(4, "76700.50", 1)
    // Out of the month and back.
    expect(
      (await admin.call("PATCH", `/api/v1/expenses/${wash.body.id}`, { date: "2025-11-02" })).status,
    ).toBe(200)
    await expectConsistent(3, "75000.50", 1)
    expect((await admin.call("DELETE", `/api/v1/expenses/${parts.body.id}`)).status).toBe(204)
    await expectConsistent(2, "55000.00", 1)

    // The daily rows hold exactly what the expenses hold, and a day left empty has no row.
    const { rows: days } = await h.fleet.db.system.query<{ day: string; n: number; amount: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, expenses AS n, org_amount::text AS amount FROM expense_days
       WHERE day BETWEEN '2025-10-01' AND '2025-11-30' ORDER BY day, category`,
    )
    expect(days).toEqual([
      { day: "2025-10-03", n: 1, amount: "55000.00" },
      { day: "2025-10-04", n: 1, amount: "0.00" },
      { day: "2025-11-02", n: 1, amount: "1700.00" },
    ])
  })

  it("searches vendor and description, and filters, orders and totals what it found", async () => {
    const add = (body: Record<string, unknown>) =>
      admin.call<Expense>("POST", "/api/v1/expenses", { vehicleId: mine, currency: "KZT", ...body })
    await add({ category: "washing", amount: "100.00", date: "2025-10-10", vendor: "Zebra Wash" })
    await add({ category: "parts", amount: "200.00", date: "2025-10-12", description: "zebra_stripes 100%" })
    await add({ category: "parts", amount: "300.00", date: "2025-10-11", vendor: "Other" })
    const found = await admin.call<ExpenseList>("GET", `/api/v1/expenses?q=ZEBRA&${month}`)
    expect(found.body.items.map((e) => e.amount)).toEqual(["200.00", "100.00"])
    expect(found.body.totals).toMatchObject({ count: 2, orgAmount: "300.00" })
    const parts = await admin.call<ExpenseList>("GET", `/api/v1/expenses?q=zebra&category=parts&${month}`)
    expect(parts.body.items.map((e) => e.amount)).toEqual(["200.00"])
    // `%` and `_` are searched as themselves, not as patterns.
    expect((await admin.call<ExpenseList>("GET", `/api/v1/expenses?q=a_s&${month}`)).body.total).toBe(1)
    expect(
      (await admin.call<ExpenseList>("GET", `/api/v1/expenses?q=${encodeURIComponent("100%")}`)).body.total,
    ).toBe(1)
    // Oldest first, and a second page.
    const asc = await admin.call<ExpenseList>("GET", `/api/v1/expenses?q=zebra&sort=date&pageSize=1&page=2`)
    expect(asc.body.items.map((e) => e.amount)).toEqual(["200.00"])
    expect(asc.body.total).toBe(2)
    expect((await other.call<ExpenseList>("GET", "/api/v1/expenses?q=zebra")).body.total).toBe(0)
  })

  it("matches text beyond ASCII and ignores case, in the vendor and the description alike", async () => {
    const add = (body: Record<string, unknown>) =>
      admin.call<Expense>("POST", "/api/v1/expenses", { vehicleId: mine, currency: "KZT", ...body })
    await add({ category: "washing", amount: "10.00", date: "2025-09-03", vendor: "АЗС Гелиос" })
    await add({ category: "service", amount: "20.00", date: "2025-09-04", description: "ÖZTÜRK Servis" })
    await add({
      category: "service",
      amount: "30.00",
      date: "2025-09-05",
      vendor: "Öztürk Oto",
      description: "azs",
    })
    const september = "from=2025-09-01&to=2025-09-30"
    const amounts = async (q: string) =>
      (
        await admin.call<ExpenseList>(
          "GET",
          `/api/v1/expenses?q=${encodeURIComponent(q)}&sort=date&${september}`,
        )
      ).body.items.map((e) => e.amount)
    expect(await amounts("азс гелиос")).toEqual(["10.00"])
    expect(await amounts("ГЕЛИОС")).toEqual(["10.00"])
    expect(await amounts("öztürk")).toEqual(["20.00", "30.00"])
    expect(await amounts("ÖZTÜRK OTO")).toEqual(["30.00"])
    expect(await amounts("AZS")).toEqual(["30.00"])
  })
})

describe("isolation", () => {
  it("hides one organisation's expenses, rates and budgets from another", async () => {
    const mine = await create({ category: "tax", amount: "1.00", date: "2026-07-01" })
    expect((await other.call("GET", `/api/v1/expenses/${mine.body.id}`)).status).toBe(404)
    expect((await other.call("PATCH", `/api/v1/expenses/${mine.body.id}`, { amount: "2.00" })).status).toBe(
      404,
    )
    expect((await other.call("DELETE", `/api/v1/expenses/${mine.body.id}`)).status).toBe(404)
    expect((await other.call<ExpenseList>("GET", "/api/v1/expenses")).body.total).toBe(0)
    expect((await other.call<{ total: number }>("GET", "/api/v1/currency-rates")).body.total).toBe(0)
    expect((await other.call<{ total: number }>("GET", "/api/v1/budgets")).body.total).toBe(0)
    const foreign = await other.call<{ error: { code: string; field: string } }>("POST", "/api/v1/expenses", {
      vehicleId,
      category: "tax",
      amount: "1.00",
      date: "2026-07-01",
    })
    expect(foreign.status).toBe(422)
    expect(foreign.body.error.field).toBe("vehicleId")
  })
})
