// Program-interruption codes (PoP chapter 6, "Program-Interruption Conditions") and the
// exception that carries one from wherever it is recognised to the run loop.

export const enum Pic {
  Operation = 0x01,
  PrivilegedOperation = 0x02,
  Execute = 0x03,
  Protection = 0x04,
  Addressing = 0x05,
  Specification = 0x06,
  Data = 0x07,
  FixedPointOverflow = 0x08,
  FixedPointDivide = 0x09,
  DecimalOverflow = 0x0a,
  DecimalDivide = 0x0b,
  HfpExponentOverflow = 0x0c,
  HfpExponentUnderflow = 0x0d,
  HfpSignificance = 0x0e,
  HfpDivide = 0x0f,
  SegmentTranslation = 0x10,
  PageTranslation = 0x11,
  TranslationSpecification = 0x12,
  SpecialOperation = 0x13,
  Operand = 0x15,
  VectorProcessing = 0x1b,
  AsceType = 0x38,
  RegionFirstTranslation = 0x39,
  RegionSecondTranslation = 0x3a,
  RegionThirdTranslation = 0x3b,
}

/** Thrown by storage and by instruction semantics; the run loop turns it into an interruption
 *  (system mode) or a stop (user mode). Never escapes to the embedder as a host error. */
export class ProgramException extends Error {
  constructor(readonly code: number) {
    super(`program interruption code 0x${code.toString(16).padStart(4, '0')}`);
  }
}

/** An operation exception recognised when the instruction was decoded (its opcode is not in
 *  the table): no instruction started, but the operation is suppressed all the same, so the
 *  interruption uses the length that the first two bits of the opcode give (PoP: "ILC"). */
export class UndecodableInstruction extends ProgramException {
  /** Instruction length in halfwords: 1, 2 or 3. */
  readonly ilc: number;
  constructor(firstByte: number) {
    super(Pic.Operation);
    const top = firstByte >>> 6;
    this.ilc = top === 0 ? 1 : top === 3 ? 3 : 2;
  }
}

/** An access exception that stores a translation-exception identification (lowcore 0xa8). */
export class AccessException extends ProgramException {
  constructor(code: number, readonly teidHi: number, readonly teidLo: number) {
    super(code);
  }
}
