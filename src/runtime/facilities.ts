// The facility list STFLE and STFL store: exactly what this machine implements. Debian's
// kernel is built for z10 and refuses to start without its architecture level set
// (0, 1, 18, 21, 25, 27, 32, 33, 34, 35); the rest are what is built here and Linux looks for.
const FACILITIES = [
  0, // N3 instructions
  1, // z/Architecture installed
  2, // z/Architecture active
  3, // DAT enhancement 1: IDTE, CSPG
  7, // STFLE
  8, // enhanced DAT 1
  18, // long displacement
  19, // long displacement, high performance
  21, // extended immediate
  25, // STCKF
  27, // MVCOS
  32, // compare and swap and store
  33, // compare and swap and store 2
  34, // general-instructions extension
  35, // execute extensions
  45, // distinct operands, high word, load/store on condition, population count, interlocked access 1
];

/** Only a machine created PV-capable (it has an Ultravisor) has these: a guest that sees them
 *  issues UVCs, and stage3a of a Secure Execution image requires 161. */
const PV_FACILITIES = [
  158, // ultravisor call (UVC)
  161, // secure-execution unpack (diag 308 subcodes 8-10)
];

/** The facility bits as big-endian doublewords in word pairs (bit 0 is the leftmost bit of word 0):
 *  two doublewords, three with the PV facilities (STFLE reports the count). */
export function installedFacilities(pv = false): Uint32Array {
  const list = pv ? [...FACILITIES, ...PV_FACILITIES] : FACILITIES;
  const words = new Uint32Array(pv ? 6 : 4);
  for (const f of list) words[f >>> 5] |= 0x80000000 >>> (f & 31);
  return words;
}
