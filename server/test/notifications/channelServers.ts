import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"

/** A mail received by the test SMTP server. */
export interface ReceivedMail {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly user: string | null
  readonly raw: string
}

/** A real SMTP server (npm smtp-server) on loopback that requires this login and keeps what it receives. */
export const startSmtpServer = async (login: { user: string; password: string }) => {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, done) => {
      if (auth.username === login.user && auth.password === login.password)
        done(null, { user: auth.username })
      else done(new Error("invalid username or password"))
    },
    onData: (stream, session, done) => {
      const chunks: Buffer[] = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : null,
          raw: Buffer.concat(chunks).toString("utf8"),
        })
        done()
      })
    },
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
  const port = (server.server.address() as AddressInfo).port
  return { port, mails, close: () => new Promise<void>((ok) => server.close(() => ok())) }
}

/** An HTTP request as a test server saw it. */
export interface ReceivedRequest {
  readonly path: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/** A loopback HTTP server that records each request and answers with `answer`. */
export const startHttpServer = async (
  answer: (request: ReceivedRequest, index: number) => { status: number; body: unknown },
) => {
  const requests: ReceivedRequest[] = []
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const request = {
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }
      const { status, body } = answer(request, requests.length)
      requests.push(request)
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))
    })
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, requests, close: () => new Promise<void>((ok) => server.close(() => ok())) }
}

/** A local server speaking the Telegram Bot API's `sendMessage` for one bot token. */
export const startBotApi = (token: string) =>
  startHttpServer((r) =>
    r.path === `/bot${token}/sendMessage`
      ? {
          status: 200,
          body: { ok: true, result: { message_id: 1, chat: { id: JSON.parse(r.body).chat_id } } },
        }
      : { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } },
  )
