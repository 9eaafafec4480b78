import { ByteReader, ContentError } from "./ByteReader.js"

/**
 * Online commands ("Server sends command to terminal", protocol 0x80): the length of command (1
 * byte: the server flag's 4 bytes + the command's), the server flag (4 bytes, echoed in the answer),
 * the command in ASCII (e.g. `RELAY,1#`, `WHERE#`, `RESET#`) and the language (2 bytes, 0x0002
 * English). The terminal answers with protocol 0x15 (length, server flag, ASCII answer, language) or,
 * in later revisions, 0x21 (server flag, encoding 1 = ASCII / 2 = UTF-16BE, answer).
 */
export const MAX_COMMAND_BYTES = 0xff - 4

export const encodeCommandContent = (text: string, serverFlag: number): Buffer => {
  const command = Buffer.from(text, "ascii")
  if (command.byteLength > MAX_COMMAND_BYTES)
    throw new RangeError(`a GT06 command holds at most ${MAX_COMMAND_BYTES} bytes`)
  const out = Buffer.alloc(1 + 4 + command.byteLength + 2)
  out.writeUInt8(4 + command.byteLength, 0)
  out.writeUInt32BE(serverFlag >>> 0, 1)
  out.set(command, 5)
  out.writeUInt16BE(0x0002, 5 + command.byteLength)
  return out
}

export interface CommandAnswer {
  readonly serverFlag: number
  readonly text: string
}

/** 0x15: length, server flag, ASCII content, then (usually) 2 bytes of language outside the length. */
export const decodeCommandAnswer = (content: Uint8Array): CommandAnswer => {
  const reader = new ByteReader(content)
  const length = reader.u8()
  if (length < 4) throw new ContentError(`command answer length ${length}; at least 4 expected`)
  const serverFlag = reader.u32()
  const text = Buffer.from(reader.slice(length - 4)).toString("latin1")
  return { serverFlag, text: printable(text) }
}

/** 0x21: server flag, content encoding (1 ASCII, 2 UTF-16BE), content. */
export const decodeCommandAnswer2 = (content: Uint8Array): CommandAnswer => {
  const reader = new ByteReader(content)
  const serverFlag = reader.u32()
  const encoding = reader.u8()
  const bytes = Buffer.from(reader.rest())
  if (encoding === 1) return { serverFlag, text: printable(bytes.toString("latin1")) }
  if (encoding === 2) {
    const even = Buffer.from(bytes.subarray(0, bytes.byteLength - (bytes.byteLength % 2)))
    return { serverFlag, text: printable(even.swap16().toString("utf16le")) }
  }
  throw new ContentError(`command answer encoding ${encoding}; 1 (ASCII) or 2 (UTF-16) expected`)
}

/** What a command answer as the terminal writes it looks like (tests, the simulator): 0x15's content. */
export const encodeCommandAnswerContent = (text: string, serverFlag: number): Buffer => {
  const answer = Buffer.from(text, "ascii")
  const out = Buffer.alloc(1 + 4 + answer.byteLength + 2)
  out.writeUInt8(4 + answer.byteLength, 0)
  out.writeUInt32BE(serverFlag >>> 0, 1)
  out.set(answer, 5)
  out.writeUInt16BE(0x0002, 5 + answer.byteLength)
  return out
}

/** Control characters (a trailing NUL, CR/LF) out; the answer is shown to people. */
const printable = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  text.replace(/[\u0000-\u001f\u007f]+/gu, " ").trim()
