import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { PERMISSIONS } from "../roles.js"
import { Uuid } from "../schemas.js"
import { DisplayName, Locale, Phone, RoleName, Theme, TimeZone } from "./common.js"

/** The signed-in user, with what their role allows (the dashboard's menu is built from it). */
export const Me = Schema.Struct({
  id: Uuid,
  email: Schema.String,
  name: Schema.String,
  phone: Schema.NullOr(Schema.String),
  role: RoleName,
  /** The organisation the caller acts in now (an owner may switch). */
  orgId: Uuid,
  orgName: Schema.String,
  /** The organisation the user belongs to. */
  homeOrgId: Uuid,
  locale: Locale,
  theme: Theme,
  /** The user's own IANA time zone (a traveller's), or null: they live in the organisation's. */
  timeZone: Schema.NullOr(TimeZone),
  /** The acting organisation's time zone (its settings, default Asia/Almaty): reports count days in it. */
  orgTimeZone: Schema.String,
  totpEnabled: Schema.Boolean,
  permissions: Schema.Array(Schema.Literals(PERMISSIONS)),
}).annotate({ identifier: "Me" })

/**
 * A started session. API clients (`session: "token"`, the default) get the tokens in the body;
 * the dashboard (`session: "cookie"`) gets them as httpOnly cookies and only the CSRF token here,
 * to send back in the `x-fleet-csrf` header of every unsafe request.
 */
export const Session = Schema.Struct({
  accessToken: Schema.NullOr(Schema.String),
  refreshToken: Schema.NullOr(Schema.String),
  csrfToken: Schema.NullOr(Schema.String),
  expiresInS: Schema.Int,
  user: Me,
}).annotate({ identifier: "Session" })

/**
 * A browser session's cookies: the access token (HttpOnly, Path=/), the refresh token (HttpOnly,
 * Path=/api/v1/auth) and the CSRF token (readable by the dashboard, Path=/), which goes back in the
 * `CSRF_HEADER` of every POST, PUT, PATCH and DELETE.
 */
export const SESSION_COOKIES = {
  session: "fleet_session",
  refresh: "fleet_refresh",
  csrf: "fleet_csrf",
} as const
export const CSRF_HEADER = "x-fleet-csrf"

const SessionKind = Schema.Literals(["token", "cookie"])
const Password = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(1024))
/** A new password: the policy (length, not a common password) is checked by the server. */
const NewPassword = Schema.String.check(Schema.isMaxLength(1024))
const TotpCode = Schema.String.check(Schema.isPattern(/^\d{6}$/u, explained("totpCode")))
const RecoveryCode = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]{5}-[a-z0-9]{5}$/u, explained("recoveryCode")),
)
const RefreshToken = Schema.String.check(Schema.isMinLength(20), Schema.isMaxLength(200))

export const auth = {
  login: endpoint({
    id: "auth.login",
    method: "post",
    path: "/api/v1/auth/login",
    tag: "auth",
    summary: "Sign in with e-mail and password (and a TOTP or recovery code when two-factor is on)",
    access: "public",
    body: Schema.Struct({
      email: Schema.String.check(Schema.isMinLength(3), Schema.isMaxLength(320)),
      password: Password,
      totpCode: Schema.optionalKey(TotpCode),
      recoveryCode: Schema.optionalKey(RecoveryCode),
      session: Schema.optionalKey(SessionKind),
    }),
    invalidCode: "FLEET_AUTH_LOGIN_INVALID",
    response: Session,
    errors: [
      { status: 401, code: "FLEET_AUTH_INVALID_CREDENTIALS", description: "also a disabled or invited user" },
      { status: 401, code: "FLEET_AUTH_TOTP_REQUIRED", description: "send totpCode or recoveryCode" },
      { status: 401, code: "FLEET_AUTH_TOTP_INVALID" },
      { status: 403, code: "FLEET_ORGANISATION_SUSPENDED" },
      { status: 429, code: "FLEET_AUTH_TOO_MANY_ATTEMPTS", description: "with Retry-After" },
    ],
  }),
  refresh: endpoint({
    id: "auth.refresh",
    method: "post",
    path: "/api/v1/auth/refresh",
    tag: "auth",
    summary: "Rotate the refresh token (from the body, or the session cookie) for a new session",
    description:
      "Without `refreshToken` in the body the `fleet_refresh` cookie is used, the `x-fleet-csrf` header " +
      "must carry the session's CSRF token, and the new session is set as cookies again.",
    access: "public",
    body: Schema.Struct({ refreshToken: Schema.optionalKey(RefreshToken) }),
    invalidCode: "FLEET_AUTH_REFRESH_INVALID",
    response: Session,
    errors: [
      { status: 401, code: "FLEET_AUTH_REFRESH_INVALID" },
      { status: 403, code: "FLEET_CSRF_INVALID" },
      { status: 403, code: "FLEET_ORGANISATION_SUSPENDED" },
    ],
  }),
  logout: endpoint({
    id: "auth.logout",
    method: "post",
    path: "/api/v1/auth/logout",
    tag: "auth",
    summary: "End the session: its refresh-token family is revoked and the cookies cleared",
    description:
      "Without `refreshToken` in the body the `fleet_refresh` cookie names the session (with the " +
      "`x-fleet-csrf` header). Ending a session that already ended is not an error.",
    access: "public",
    body: Schema.Struct({ refreshToken: Schema.optionalKey(RefreshToken) }),
    invalidCode: "FLEET_AUTH_REFRESH_INVALID",
    errors: [{ status: 403, code: "FLEET_CSRF_INVALID" }],
  }),
  switchOrganisation: endpoint({
    id: "auth.switchOrganisation",
    method: "post",
    path: "/api/v1/auth/switch-organisation",
    tag: "auth",
    summary: "Act inside another organisation (the owner's organisation selector)",
    description:
      "A new session of the same login whose access token acts in the organisation (the user's own " +
      "stays `homeOrgId`); refreshing it keeps acting there. Switch to the own organisation to go back.",
    access: "organisations.manage",
    body: Schema.Struct({ organisationId: Uuid, session: Schema.optionalKey(SessionKind) }),
    response: Session,
    errors: [{ status: 404, code: "FLEET_ORGANISATION_NOT_FOUND" }],
  }),
  setPassword: endpoint({
    id: "auth.setPassword",
    method: "post",
    path: "/api/v1/auth/set-password",
    tag: "auth",
    summary: "Choose a password with a one-time link's token",
    access: "public",
    body: Schema.Struct({
      token: Schema.String.check(Schema.isMinLength(20), Schema.isMaxLength(200)),
      password: NewPassword,
    }),
    errors: [
      { status: 400, code: "FLEET_PASSWORD_LINK_INVALID", description: "unknown, used or expired link" },
      { status: 422, code: "FLEET_PASSWORD_WEAK" },
      { status: 429, code: "FLEET_AUTH_TOO_MANY_ATTEMPTS" },
    ],
  }),
}

export const me = {
  get: endpoint({
    id: "me.get",
    method: "get",
    path: "/api/v1/me",
    tag: "profile",
    summary: "The signed-in user and their permissions",
    access: "signedIn",
    response: Me,
  }),
  update: endpoint({
    id: "me.update",
    method: "patch",
    path: "/api/v1/me",
    tag: "profile",
    summary: "Change the own name, phone, language, theme or time zone",
    description:
      "`timeZone` is the zone the dashboard shows times in and quiet hours are read in; null returns " +
      "to the organisation's.",
    access: "signedIn",
    body: Schema.Struct({
      name: Schema.optionalKey(DisplayName),
      phone: Schema.optionalKey(Schema.NullOr(Phone)),
      locale: Schema.optionalKey(Locale),
      theme: Schema.optionalKey(Theme),
      timeZone: Schema.optionalKey(Schema.NullOr(TimeZone)),
    }),
    response: Me,
  }),
  changePassword: endpoint({
    id: "me.changePassword",
    method: "post",
    path: "/api/v1/me/password",
    tag: "profile",
    summary: "Change the own password; other sessions end",
    access: "signedIn",
    body: Schema.Struct({ currentPassword: Password, newPassword: NewPassword }),
    errors: [
      { status: 403, code: "FLEET_AUTH_INVALID_CREDENTIALS" },
      { status: 400, code: "FLEET_PASSWORD_UNCHANGED" },
      { status: 422, code: "FLEET_PASSWORD_WEAK" },
      { status: 429, code: "FLEET_AUTH_TOO_MANY_ATTEMPTS" },
    ],
  }),
  totpSetup: endpoint({
    id: "me.totpSetup",
    method: "post",
    path: "/api/v1/me/totp/setup",
    tag: "profile",
    summary: "Start two-factor sign-in: a new secret for an authenticator app (not active until confirmed)",
    access: "signedIn",
    response: Schema.Struct({ secret: Schema.String, otpauthUrl: Schema.String }),
    status: 201,
    errors: [{ status: 409, code: "FLEET_TOTP_ALREADY_ENABLED" }],
  }),
  totpEnable: endpoint({
    id: "me.totpEnable",
    method: "post",
    path: "/api/v1/me/totp/enable",
    tag: "profile",
    summary: "Confirm the authenticator's code: two-factor is on; the answer holds the recovery codes",
    access: "signedIn",
    body: Schema.Struct({ code: TotpCode }),
    response: Schema.Struct({ recoveryCodes: Schema.Array(Schema.String) }),
    errors: [
      { status: 400, code: "FLEET_TOTP_NOT_STARTED" },
      { status: 422, code: "FLEET_AUTH_TOTP_INVALID" },
    ],
  }),
  totpDisable: endpoint({
    id: "me.totpDisable",
    method: "post",
    path: "/api/v1/me/totp/disable",
    tag: "profile",
    summary: "Turn two-factor sign-in off (needs the password)",
    access: "signedIn",
    body: Schema.Struct({ password: Password }),
    // The password is checked under the sign-in throttle, so wrong guesses are refused here too.
    errors: [
      { status: 403, code: "FLEET_AUTH_INVALID_CREDENTIALS" },
      { status: 429, code: "FLEET_AUTH_TOO_MANY_ATTEMPTS" },
    ],
  }),
  recoveryCodes: endpoint({
    id: "me.recoveryCodes",
    method: "post",
    path: "/api/v1/me/totp/recovery-codes",
    tag: "profile",
    summary: "New recovery codes (earlier ones stop working); needs a current authenticator code",
    access: "signedIn",
    body: Schema.Struct({ code: TotpCode }),
    response: Schema.Struct({ recoveryCodes: Schema.Array(Schema.String) }),
    errors: [
      { status: 400, code: "FLEET_TOTP_NOT_ENABLED" },
      { status: 422, code: "FLEET_AUTH_TOTP_INVALID" },
    ],
  }),
}
