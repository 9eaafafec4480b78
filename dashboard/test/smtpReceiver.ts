import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"

/**
 * A real SMTP server (npm smtp-server) on loopback that requires this login and keeps each mail's
 * recipients and raw text: what a browser test's scheduled report is sent to. (The server
 * package's tests have the same in server/test/notifications/channelServers.ts, outside this
 * package's type-check.)
 */
export const startSmtpReceiver = async (login: { readonly user: string; readonly password: string }) => {
  const mails: Array<{ readonly to: ReadonlyArray<string>; readonly raw: string }> = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, done) =>
      auth.username === login.user && auth.password === login.password
        ? done(null, { user: auth.username })
        : done(new Error("invalid username or password")),
    onData: (stream, session, done) => {
      const chunks: Array<Buffer> = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
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
