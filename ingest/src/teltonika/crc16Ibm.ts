/**
 * CRC-16/IBM (also CRC-16/ARC): polynomial 0x8005 reflected (0xA001), initial value 0, no final
 * XOR. Teltonika's AVL packets carry it over the bytes from the codec id to the second record
 * count (Teltonika wiki, "Codec": "CRC-16 ... calculated from Codec ID to the Second Number of Data").
 */
const TABLE = (() => {
  const table = new Uint16Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1
    table[n] = c
  }
  return table
})()

export const crc16Ibm = (bytes: Uint8Array): number => {
  let crc = 0
  for (const byte of bytes) crc = (crc >>> 8) ^ (TABLE[(crc ^ byte) & 0xff] ?? 0)
  return crc & 0xffff
}
