/**
 * CRC-ITU as the GT06 protocol names it, i.e. CRC-16/X-25: polynomial 0x1021 reflected (0x8408),
 * initial value 0xFFFF, final XOR 0xFFFF. Every GT06 frame carries it over the bytes from the
 * packet length to the information serial number ("Error check": "CRC-ITU of the data from packet
 * length to information serial number").
 */
const TABLE = (() => {
  const table = new Uint16Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1
    table[n] = c
  }
  return table
})()

export const crcItu = (bytes: Uint8Array): number => {
  let crc = 0xffff
  for (const byte of bytes) crc = (crc >>> 8) ^ (TABLE[(crc ^ byte) & 0xff] ?? 0)
  return (crc ^ 0xffff) & 0xffff
}
