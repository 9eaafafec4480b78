import { DisplayName, Email, Locale, Phone, RoleName, type User } from "@fleetcore/contract"
import { Schema } from "effect"

export type UserView = (typeof User)["Encoded"]

/** Empty means none (phone) or the organisation's default (language). */
const OptionalPhone = Schema.Union([Schema.Literal(""), Phone])
const OptionalLocale = Schema.Union([Schema.Literal(""), Locale])

/** A new user: the contract's field schemas over the form's strings. */
export const NewUserForm = Schema.Struct({
  email: Email,
  name: DisplayName,
  role: RoleName,
  phone: OptionalPhone,
  locale: OptionalLocale,
})
export type NewUserValues = (typeof NewUserForm)["Encoded"]

export const NEW_USER: NewUserValues = { email: "", name: "", role: "driver", phone: "", locale: "" }

export const newUserBody = (values: NewUserValues) => ({
  email: values.email.trim(),
  name: values.name,
  role: values.role,
  phone: values.phone === "" ? null : values.phone,
  ...(values.locale === "" ? {} : { locale: values.locale }),
})

/** Editing a user: name, role, phone and language. */
export const EditUserForm = Schema.Struct({
  name: DisplayName,
  role: RoleName,
  phone: OptionalPhone,
  locale: Locale,
})
export type EditUserValues = (typeof EditUserForm)["Encoded"]

export const editUserValues = (user: UserView): EditUserValues => ({
  name: user.name,
  role: user.role,
  phone: user.phone ?? "",
  locale: user.locale,
})

export const editUserBody = (values: EditUserValues) => ({
  name: values.name,
  role: values.role,
  phone: values.phone === "" ? null : values.phone,
  locale: values.locale,
})
