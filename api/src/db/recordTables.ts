import type { DocumentEntityType, EXPENSE_CATEGORIES } from "@fleetcore/contract"
import type { ColumnType, Generated } from "kysely"
import type { Defaulted, Numeric, NumericOrNull } from "./columnTypes.js"

/** The fleet records' tables (teams, drivers, contracts, fines, documents, expenses, rates, budgets), part of `Database`. */

/** A date column: read it as "YYYY-MM-DD" through to_char (pg parses dates into local Dates). */
type DateColumn = ColumnType<Date | null, string | null | undefined, string | null>

export interface TeamsTable {
  id: Generated<string>
  org_id: string
  name: string
  description: string | null
  created_at: Defaulted<Date>
  updated_at: Generated<Date>
}

export interface DriversTable {
  id: Generated<string>
  org_id: string
  user_id: string | null
  full_name: string
  employee_id: string | null
  phone: string | null
  email: string | null
  licence_number: string | null
  licence_categories: ColumnType<string[], string[] | undefined, string[]>
  licence_expires_on: DateColumn
  medical_expires_on: DateColumn
  hired_on: DateColumn
  department: string | null
  status: Generated<"active" | "on_leave" | "terminated">
  team_id: string | null
  notes: string | null
  created_at: Defaulted<Date>
  updated_at: Generated<Date>
  onboarding_status: Generated<
    "created" | "background_check" | "training" | "approved" | "rejected" | "suspended"
  >
  onboarding_changed_at: Generated<Date>
}

export interface ContractsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  type: "leasing" | "rental" | "insurance_casco" | "insurance_osago" | "warranty" | "service_contract"
  contractor: string
  number: string | null
  starts_on: ColumnType<Date, string, string>
  ends_on: ColumnType<Date, string, string>
  amount: Numeric
  currency: string
  payment_frequency: "one_time" | "monthly" | "quarterly" | "annual"
  auto_renew: Generated<boolean>
  notes: string | null
  sum_insured: NumericOrNull
  deductible: NumericOrNull
  covered_risks: ColumnType<string[], string[] | undefined, string[]>
  policy_holder: string | null
  previous_contract_id: string | null
  cancelled_at: Date | null
  cancel_reason: string | null
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export interface PenaltiesTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  driver_id: string | null
  amount: Numeric
  currency: string
  offence_at: Date
  reason: string
  article: string | null
  resolution_number: string | null
  due_on: ColumnType<Date | null, string | null | undefined, string | null>
  status: ColumnType<
    "open" | "paid_by_driver" | "paid" | "disputed" | "cancelled",
    "open" | "paid" | undefined,
    "open" | "paid_by_driver" | "paid" | "disputed" | "cancelled"
  >
  paid_on: ColumnType<Date | null, string | null | undefined, string | null>
  receipt_document_id: string | null
  reported_by: string | null
  reported_at: Date | null
  confirmed_by: string | null
  confirmed_at: Date | null
  status_note: string | null
  notes: string | null
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export interface DocumentsTable {
  id: Generated<string>
  org_id: string
  entity_type: DocumentEntityType
  entity_id: string
  kind: string
  filename: string
  mime_type: string
  size_bytes: number
  sha256: Buffer
  storage_key: string
  thumbnail_key: string | null
  /** date: read as "YYYY-MM-DD" text only through to_char (pg parses dates into local Dates). */
  expires_on: ColumnType<Date | null, string | null | undefined, string | null>
  title: ColumnType<string | null, string | null | undefined, string | null>
  number: ColumnType<string | null, string | null | undefined, string | null>
  /** date, as `expires_on`. */
  issued_on: ColumnType<Date | null, string | null | undefined, string | null>
  uploaded_by: string | null
  uploaded_at: Defaulted<Date>
  cover: Generated<boolean>
}

type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number]

/** A date column read as text ("YYYY-MM-DD"; select it with a text cast) and written as text. */
type DateText = ColumnType<string, string, string>

export interface ExpensesTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  driver_id: string | null
  category: ExpenseCategory
  amount: NumericOrNull
  currency: string
  spent_at: Date
  spent_on: DateText
  time_given: boolean
  description: string | null
  vendor: string | null
  receipt_document_id: string | null
  created_by: string | null
  org_currency: string
  rate: NumericOrNull
  rate_on: ColumnType<string | null, string | null | undefined, string | null>
  /** Generated: round(amount * rate, 2). */
  org_amount: ColumnType<string | null, never, never>
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

/** Per day, category and currency: the count and sum of expenses (triggers keep it; read only). */
export interface ExpenseDaysTable {
  org_id: string
  day: DateText
  category: ExpenseCategory
  currency: string
  org_currency: string
  expenses: number
  org_amount: Numeric
  unconverted: number
}

export interface CurrencyRatesTable {
  id: Generated<string>
  org_id: string
  currency: string
  base: string
  rate_on: DateText
  rate: Numeric
  created_by: string | null
  created_at: Defaulted<Date>
}

export interface BudgetsTable {
  id: Generated<string>
  org_id: string
  category: ExpenseCategory | null
  period: "month" | "quarter" | "year"
  period_start: DateText
  amount: Numeric
  currency: string
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}
