import { Check, Circle } from "lucide-solid"
import { For } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { PASSWORD_MIN_LENGTH, type PasswordCheck } from "./passwordRules"

/** The password policy as a checklist that ticks while the user types. */
export const PasswordChecklist = (props: { readonly check: PasswordCheck }) => {
  const { t } = useI18n()
  const rules = () => [
    {
      ok: props.check.longEnough && props.check.notTooLong,
      text: t("password.ruleLength", { min: String(PASSWORD_MIN_LENGTH) }),
    },
    { ok: null, text: t("password.ruleCommon") },
    { ok: props.check.matches, text: t("password.ruleMatch") },
  ]
  return (
    <ul class="checklist" data-testid="password-policy">
      <For each={rules()}>
        {(rule) => (
          <li classList={{ "checklist__item--ok": rule.ok === true }}>
            {rule.ok === true ? (
              <Check size={14} aria-hidden="true" />
            ) : (
              <Circle size={14} aria-hidden="true" />
            )}
            <span>{rule.text}</span>
          </li>
        )}
      </For>
    </ul>
  )
}
