import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** A message the bot sent, as the Bot API received it. */
export interface SentMessage {
  readonly chatId: number
  readonly text: string
  /** The inline buttons' texts and callback data, row by row. */
  readonly buttons: ReadonlyArray<ReadonlyArray<{ readonly text: string; readonly data: string }>>
}

interface TelegramUser {
  readonly id: number
  readonly first_name: string
  readonly username?: string
  readonly language_code?: string
}

/**
 * A loopback server speaking the Telegram Bot API's HTTP for one bot (the one thing that cannot
 * run here is Telegram): getMe, deleteWebhook, getUpdates (long polling over the updates the test
 * pushes), sendMessage, answerCallbackQuery, getFile and the file download. Another token is a 401,
 * as Telegram answers it.
 */
export const startFakeBotApi = async (token: string, username = "fleet_test_bot") => {
  const updates: Array<{ update_id: number } & Record<string, unknown>> = []
  const sent: SentMessage[] = []
  const files = new Map<string, Buffer>()
  const waiting = new Set<() => void>()
  let nextUpdate = 1
  let nextMessage = 1
  const wake = () => {
    for (const w of waiting) w()
  }

  const call = async (method: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (method) {
      case "getMe":
        return { id: 777_000, is_bot: true, first_name: "Fleet bot", username }
      case "deleteWebhook":
      case "answerCallbackQuery":
        return true
      case "getUpdates": {
        const offset = Number(body.offset ?? 0)
        const due = () => updates.filter((u) => u.update_id >= offset)
        if (due().length === 0) {
          // Long polling: held until an update comes, at most a second here.
          await new Promise<void>((resolve) => {
            const done = () => {
              waiting.delete(done)
              clearTimeout(timer)
              resolve()
            }
            const timer = setTimeout(done, Math.min(Number(body.timeout ?? 0), 1) * 1000)
            waiting.add(done)
          })
        }
        return due()
      }
      case "sendMessage": {
        const markup = body.reply_markup as
          | { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> }
          | undefined
        sent.push({
          chatId: Number(body.chat_id),
          text: String(body.text),
          buttons: (markup?.inline_keyboard ?? []).map((row) =>
            row.map((b) => ({ text: b.text, data: b.callback_data })),
          ),
        })
        return {
          message_id: nextMessage++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: "private" },
          text: body.text,
        }
      }
      case "getFile": {
        const id = String(body.file_id)
        const bytes = files.get(id)
        if (bytes === undefined) throw new Error("Bad Request: invalid file_id")
        return {
          file_id: id,
          file_unique_id: `u${id}`,
          file_size: bytes.length,
          file_path: `photos/${id}.jpg`,
        }
      }
      default:
        throw new Error(`Not Found: method ${method}`)
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const url = req.url ?? ""
      const reply = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value))
      const file = url.match(/^\/file\/bot([^/]+)\/photos\/(.+)\.jpg$/u)
      if (file !== null) {
        const bytes = file[1] === token ? files.get(file[2] ?? "") : undefined
        if (bytes === undefined) return reply(404, { ok: false, error_code: 404, description: "Not Found" })
        return res.writeHead(200, { "content-type": "image/jpeg" }).end(bytes)
      }
      const route = url.match(/^\/bot([^/]+)\/(\w+)/u)
      if (route === null || route[1] !== token) {
        return reply(401, { ok: false, error_code: 401, description: "Unauthorized" })
      }
      const text = Buffer.concat(chunks).toString("utf8")
      const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>)
      call(route[2] ?? "", body).then(
        (result) => reply(200, { ok: true, result }),
        (error: Error) => reply(400, { ok: false, error_code: 400, description: error.message }),
      )
    })
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const push = (update: Record<string, unknown>) => {
    updates.push({ update_id: nextUpdate++, ...update })
    wake()
  }
  const message = (from: TelegramUser, fields: Record<string, unknown>) =>
    push({
      message: {
        message_id: nextMessage++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: "private", first_name: from.first_name },
        from: { is_bot: false, ...from },
        ...fields,
      },
    })

  return {
    url,
    sent,
    /** A text from `from` (a command too: `/start CODE`). */
    sendText: (from: TelegramUser, text: string) => {
      const command = text.match(/^\/\w+/u)?.[0]
      message(from, {
        text,
        ...(command === undefined
          ? {}
          : { entities: [{ type: "bot_command", offset: 0, length: command.length }] }),
      })
    },
    /** A photo from `from`, in one size, with an optional caption. */
    sendPhoto: (from: TelegramUser, bytes: Buffer, caption?: string) => {
      const id = `photo${files.size + 1}`
      files.set(id, bytes)
      message(from, {
        photo: [{ file_id: id, file_unique_id: `u${id}`, width: 960, height: 640, file_size: bytes.length }],
        ...(caption === undefined ? {} : { caption }),
      })
    },
    /** `from` presses the button with callback `data`. */
    press: (from: TelegramUser, data: string) =>
      push({
        callback_query: {
          id: String(nextUpdate),
          from: { is_bot: false, ...from },
          chat_instance: "ci",
          data,
          message: {
            message_id: nextMessage++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: from.id, type: "private" },
            text: "…",
          },
        },
      }),
    close: () => {
      wake()
      server.closeAllConnections()
      return new Promise<void>((ok) => server.close(() => ok()))
    },
  }
}
