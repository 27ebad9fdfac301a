// EBCDIC (code page 037) for the text fields the machine reports to the guest: STSI's SYSIB
// names, types and sequence codes are EBCDIC, and Linux turns them back with its own table.
// Only the characters those fields use are mapped; anything else is a configuration error, not
// something to substitute silently.

const ASCII_TO_EBCDIC = new Map<string, number>([
  [' ', 0x40], ['.', 0x4b], ['-', 0x60], ['/', 0x61], ['_', 0x6d], [':', 0x7a],
]);
const RANGES: [string, number][] = [
  ['abcdefghi', 0x81], ['jklmnopqr', 0x91], ['stuvwxyz', 0xa2],
  ['ABCDEFGHI', 0xc1], ['JKLMNOPQR', 0xd1], ['STUVWXYZ', 0xe2],
  ['0123456789', 0xf0],
];
for (const [chars, first] of RANGES) {
  for (let i = 0; i < chars.length; i++) ASCII_TO_EBCDIC.set(chars[i]!, first + i);
}
const EBCDIC_TO_ASCII = new Map<number, string>([...ASCII_TO_EBCDIC].map(([c, e]) => [e, c]));

/** text in EBCDIC, padded with EBCDIC blanks to length bytes (the SYSIB convention). */
export function toEbcdic(text: string, length: number): Uint8Array {
  if (text.length > length) throw new RangeError(`"${text}" does not fit in ${length} bytes`);
  const out = new Uint8Array(length).fill(0x40);
  for (let i = 0; i < text.length; i++) {
    const e = ASCII_TO_EBCDIC.get(text[i]!);
    if (e === undefined) throw new RangeError(`no EBCDIC mapping for "${text[i]}" in "${text}"`);
    out[i] = e;
  }
  return out;
}

/** The inverse of toEbcdic for the mapped characters; others read as '?'. */
export function fromEbcdic(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += EBCDIC_TO_ASCII.get(b) ?? '?';
  return s;
}
