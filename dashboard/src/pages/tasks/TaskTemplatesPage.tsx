import "./tasks.css"
import { endpoints, type TaskTemplate } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Plus } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { NotAllowedPage } from "../../frame/NotAllowedPage"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../../ui/EmptyState"
import { PageHeader } from "../../ui/PageHeader"
import { ExportMenu } from "../../ui/table/ExportMenu"
import { TemplateEditor } from "./TemplateEditor"

type Template = typeof TaskTemplate.Type

const Templates = () => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const list = createListQuery(endpoints.tasks.listTemplates, () => ({ query: { pageSize: "200" } }))
  const [editing, setEditing] = createSignal<Template | "new" | null>(null)
  const saved = async () => {
    setEditing(null)
    await queryClient.invalidateQueries({ queryKey: [endpoints.tasks.listTemplates.id] })
  }
  return (
    <div class="page">
      <PageHeader
        title={t("tasks.templates")}
        description={t("tasks.templatesDescription")}
        actions={
          <div class="header-actions">
            <ExportMenu
              id="task-templates"
              export={{ path: endpoints.listExports.taskTemplates.path, query: () => ({}) }}
            />
            <button
              type="button"
              class="button button--primary"
              data-testid="template-new"
              onClick={() => setEditing("new")}
            >
              <Plus size={16} aria-hidden="true" />
              <span>{t("tasks.newTemplate")}</span>
            </button>
          </div>
        }
      />
      <Show when={editing()}>
        {(current) => (
          <TemplateEditor
            template={current() === "new" ? null : (current() as Template)}
            onSaved={() => void saved()}
            onCancel={() => setEditing(null)}
          />
        )}
      </Show>
      <Show
        when={(list.data?.items.length ?? 0) > 0}
        fallback={<EmptyState title={t("tasks.noTemplates")} />}
      >
        <ul class="template-list">
          <For each={list.data?.items ?? []}>
            {(m) => (
              <li class="panel template-card" data-testid="template-card">
                <button type="button" class="link-button" onClick={() => setEditing(m)}>
                  <strong>{m.name}</strong>
                </button>
                <p class="template-card__flow">{m.states.map((s) => s.label).join(" → ")}</p>
                <Show when={m.triggers.length > 0}>
                  <p class="muted">
                    {m.triggers
                      .map(
                        (g) =>
                          `${t(`tasks.trigger_${g.on}`)} → ${m.states.find((s) => s.key === g.to)?.label ?? g.to}`,
                      )
                      .join("; ")}
                  </p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}

/** Task templates (`tasks.manage`): the workflows and the editor of their states and steps. */
export const TaskTemplatesPage = () => {
  const session = useSession()
  return (
    <Show when={session.can("tasks.manage")} fallback={<NotAllowedPage />}>
      <Templates />
    </Show>
  )
}
