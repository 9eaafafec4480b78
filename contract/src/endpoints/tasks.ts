import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import {
  DurationMinutes,
  StateKey,
  Task,
  TaskDetail,
  TaskEvent,
  TaskMachine,
  TaskPriority,
  TaskTemplate,
  TaskText,
  TaskTitle,
  TemplateName,
} from "./taskSchemas.js"

export * from "./taskSchemas.js"

const taskNotFound = { status: 404, code: "FLEET_TASK_NOT_FOUND" } as const
const templateNotFound = { status: 404, code: "FLEET_TASK_TEMPLATE_NOT_FOUND" } as const
const reference = { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" } as const
const machineInvalid = {
  status: 422,
  code: "FLEET_TASK_TEMPLATE_INVALID",
  description: "The workflow is not a valid machine; `field` names the state, transition or trigger.",
} as const
const Ids = Schema.Array(Uuid).check(Schema.isMaxLength(20))

const TemplateBody = {
  name: TemplateName,
  defaultPriority: Schema.optionalKey(TaskPriority),
  defaultDurationMinutes: Schema.optionalKey(Schema.NullOr(DurationMinutes)),
  defaultTeamId: Schema.optionalKey(Schema.NullOr(Uuid)),
  ...TaskMachine.fields,
}

/** What a task links to and who does it; `null` clears a link on update. */
const TaskLinks = {
  description: Schema.optionalKey(TaskText),
  priority: Schema.optionalKey(TaskPriority),
  dueAt: Schema.optionalKey(Schema.NullOr(IsoDateTime)),
  assigneeUserId: Schema.optionalKey(Schema.NullOr(Uuid)),
  teamId: Schema.optionalKey(Schema.NullOr(Uuid)),
  vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
  driverId: Schema.optionalKey(Schema.NullOr(Uuid)),
  geofenceId: Schema.optionalKey(Schema.NullOr(Uuid)),
}

/** Evidence and words that go with a step or stand on their own in the history. */
const Evidence = {
  comment: Schema.optionalKey(TaskText.check(Schema.isTrimmed(), Schema.isMinLength(1))),
  /** Documents of the task (uploaded with entityType "task"): photos, documents, the signature. */
  attachmentIds: Schema.optionalKey(Ids),
}

/** Task templates (workflows) and tasks moved through them by people and by telemetry (seed 004). */
export const tasks = {
  listTemplates: endpoint({
    id: "tasks.listTemplates",
    method: "get",
    path: "/api/v1/task-templates",
    tag: "tasks",
    summary: "Task templates (workflows), by name",
    description: "`q` searches the name.",
    access: "tasks.read",
    query: listQuery(["name", "createdAt"]),
    response: listOf(TaskTemplate),
  }),
  getTemplate: endpoint({
    id: "tasks.getTemplate",
    method: "get",
    path: "/api/v1/task-templates/:id",
    tag: "tasks",
    summary: "One task template",
    access: "tasks.read",
    params: IdParams,
    response: TaskTemplate,
    errors: [templateNotFound],
  }),
  createTemplate: endpoint({
    id: "tasks.createTemplate",
    method: "post",
    path: "/api/v1/task-templates",
    tag: "tasks",
    summary: "Define a workflow: states, allowed transitions with their requirements, telemetry triggers",
    description:
      "One state is `initial`; finals have no outgoing transition; transitions and triggers name declared states; a trigger's state is reachable from the initial one.",
    access: "tasks.manage",
    body: Schema.Struct(TemplateBody),
    invalidCode: "FLEET_TASK_TEMPLATE_INVALID",
    response: TaskTemplate,
    status: 201,
    errors: [machineInvalid, reference],
  }),
  updateTemplate: endpoint({
    id: "tasks.updateTemplate",
    method: "put",
    path: "/api/v1/task-templates/:id",
    tag: "tasks",
    summary: "Replace a template; open tasks in a state it no longer declares refuse the change",
    access: "tasks.manage",
    params: IdParams,
    body: Schema.Struct(TemplateBody),
    invalidCode: "FLEET_TASK_TEMPLATE_INVALID",
    response: TaskTemplate,
    errors: [templateNotFound, machineInvalid, reference],
  }),
  deleteTemplate: endpoint({
    id: "tasks.deleteTemplate",
    method: "delete",
    path: "/api/v1/task-templates/:id",
    tag: "tasks",
    summary: "Retire a template: no new tasks from it; its tasks keep their workflow",
    access: "tasks.manage",
    params: IdParams,
    errors: [templateNotFound],
  }),
  list: endpoint({
    id: "tasks.list",
    method: "get",
    path: "/api/v1/tasks",
    tag: "tasks",
    summary: "Tasks, soonest due first (a driver: those assigned to them or their vehicle)",
    description:
      "`status=open` keeps the tasks not in a final state, `closed` those in one; another value is a state key. `overdue=true` keeps open tasks past due. `q` searches the title.",
    access: "tasks.read",
    query: listQuery(["dueAt", "createdAt", "priority", "title", "status"], {
      status: Schema.optionalKey(Schema.Union([Schema.Literals(["open", "closed"]), StateKey])),
      priority: Schema.optionalKey(TaskPriority),
      assigneeUserId: Schema.optionalKey(Uuid),
      teamId: Schema.optionalKey(Uuid),
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Uuid),
      templateId: Schema.optionalKey(Uuid),
      overdue: Schema.optionalKey(Schema.Literals(["true", "false"])),
    }),
    response: listOf(Task),
  }),
  get: endpoint({
    id: "tasks.get",
    method: "get",
    path: "/api/v1/tasks/:id",
    tag: "tasks",
    summary: "One task with its workflow and the steps the caller may take now",
    access: "tasks.read",
    params: IdParams,
    response: TaskDetail,
    errors: [taskNotFound],
  }),
  create: endpoint({
    id: "tasks.create",
    method: "post",
    path: "/api/v1/tasks",
    tag: "tasks",
    summary: "Create a task from a template (its defaults fill what is left out) or ad hoc",
    description: "Ad hoc (no template): open → in_progress → done, or cancelled.",
    access: "tasks.manage",
    body: Schema.Struct({ templateId: Schema.optionalKey(Uuid), title: TaskTitle, ...TaskLinks }),
    invalidCode: "FLEET_TASK_INVALID",
    response: TaskDetail,
    status: 201,
    errors: [reference],
  }),
  update: endpoint({
    id: "tasks.update",
    method: "patch",
    path: "/api/v1/tasks/:id",
    tag: "tasks",
    summary: "Change a task's title, priority, due time, assignee, team or links",
    access: "tasks.manage",
    params: IdParams,
    body: Schema.Struct({ title: Schema.optionalKey(TaskTitle), ...TaskLinks }),
    invalidCode: "FLEET_TASK_INVALID",
    response: TaskDetail,
    errors: [taskNotFound, reference],
  }),
  transition: endpoint({
    id: "tasks.transition",
    method: "post",
    path: "/api/v1/tasks/:id/transitions",
    tag: "tasks",
    summary: "Move a task to another state of its workflow, with what the step requires",
    description:
      "409 FLEET_TASK_TRANSITION_INVALID names the allowed states; 422 FLEET_TASK_REQUIREMENT_MISSING names what is missing (`field`: comment, photo, document, checklist, signature).",
    access: "tasks.work",
    params: IdParams,
    body: Schema.Struct({
      to: StateKey,
      ...Evidence,
      /** The checklist items ticked. */
      checklist: Schema.optionalKey(
        Schema.Array(Schema.String.check(Schema.isMaxLength(200))).check(Schema.isMaxLength(30)),
      ),
      /** The task's image document holding the signature drawn on the phone. */
      signatureId: Schema.optionalKey(Uuid),
    }),
    invalidCode: "FLEET_TASK_INVALID",
    response: TaskDetail,
    errors: [
      taskNotFound,
      { status: 409, code: "FLEET_TASK_TRANSITION_INVALID" },
      { status: 422, code: "FLEET_TASK_REQUIREMENT_MISSING" },
      { status: 422, code: "FLEET_TASK_ATTACHMENT_INVALID" },
    ],
  }),
  comment: endpoint({
    id: "tasks.comment",
    method: "post",
    path: "/api/v1/tasks/:id/comments",
    tag: "tasks",
    summary: "Add a comment and/or attachments to a task's history",
    access: "tasks.work",
    params: IdParams,
    body: Schema.Struct(Evidence),
    invalidCode: "FLEET_TASK_INVALID",
    response: Schema.Struct({ items: Schema.Array(TaskEvent) }),
    status: 201,
    errors: [taskNotFound, { status: 422, code: "FLEET_TASK_ATTACHMENT_INVALID" }],
  }),
  events: endpoint({
    id: "tasks.events",
    method: "get",
    path: "/api/v1/tasks/:id/events",
    tag: "tasks",
    summary: "A task's history, oldest first: who or what caused each step",
    access: "tasks.read",
    params: IdParams,
    response: Schema.Struct({ items: Schema.Array(TaskEvent) }),
    errors: [taskNotFound],
  }),
} as const
