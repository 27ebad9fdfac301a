// Access exceptions that come with a translation-exception identification (TEID), the doubleword
// the CPU stores at real location 168 (0xa8) of the lowcore on the program interruption.
import { Pic, ProgramException } from './interruption.js';

/** Program-interruption codes of DAT (PoP chapter 6). Kept here until interruption.ts's Pic
 *  gains them. */
export const enum DatPic {
  SegmentTranslation = 0x10,
  PageTranslation = 0x11,
  TranslationSpecification = 0x12,
  AsceType = 0x38,
  RegionFirstTranslation = 0x39,
  RegionSecondTranslation = 0x3a,
  RegionThirdTranslation = 0x3b,
}

/** TEID bit 61: set for DAT protection, which is how Linux tells it from low-address protection
 *  (whose TEID is unpredictable without ESOP). */
const TEID_DAT_PROTECTION = 0x4;

export class TranslationException extends ProgramException {
  /** teidHi:teidLo is the TEID (bits 0-31 and 32-63): bits 0-51 of the virtual address, bits
   *  62-63 the ASCE that was used (0 primary, 1 access-register, 2 secondary, 3 home), bit 61 set
   *  for DAT protection; bits 52-60 zero (their fetch/store meaning needs ESOP, not claimed). */
  constructor(
    code: number,
    readonly teidHi: number,
    readonly teidLo: number,
  ) {
    super(code);
  }
}

/** The DAT exception `code` for the virtual address vaHi:vaLo translated through ASCE `asceId`. */
export function datException(code: number, vaHi: number, vaLo: number, asceId: number): TranslationException {
  return new TranslationException(code, vaHi | 0, (vaLo & ~0xfff) | (asceId & 3));
}

/** The protection exception for a store into a DAT-protected page (Translation.protect). */
export function datProtectionException(vaHi: number, vaLo: number, asceId: number): TranslationException {
  return new TranslationException(Pic.Protection, vaHi | 0, (vaLo & ~0xfff) | TEID_DAT_PROTECTION | (asceId & 3));
}
