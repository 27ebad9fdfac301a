// Access exceptions that come with a translation-exception identification (TEID), the doubleword
// the CPU stores at real location 168 (0xa8) of the lowcore on the program interruption.
import { AccessException, Pic } from './interruption.js';

/** TEID bit 61: set for DAT protection, which is how Linux tells it from low-address protection
 *  (whose TEID is unpredictable without ESOP). */
const TEID_DAT_PROTECTION = 0x4;

/** A DAT exception: an access exception with its TEID (bits 0-51 of the virtual address, bits
 *  62-63 the ASCE that was used (0 primary, 1 access-register, 2 secondary, 3 home), bit 61 set
 *  for DAT protection; bits 52-60 zero, their fetch/store meaning needs ESOP, not claimed). */
export { AccessException as TranslationException };

/** The DAT exception `code` for the virtual address vaHi:vaLo translated through ASCE `asceId`. */
export function datException(code: number, vaHi: number, vaLo: number, asceId: number): AccessException {
  return new AccessException(code, vaHi | 0, (vaLo & ~0xfff) | (asceId & 3));
}

/** The protection exception for a store into a DAT-protected page (Translation.protect). */
export function datProtectionException(vaHi: number, vaLo: number, asceId: number): AccessException {
  return new AccessException(Pic.Protection, vaHi | 0, (vaLo & ~0xfff) | TEID_DAT_PROTECTION | (asceId & 3));
}
