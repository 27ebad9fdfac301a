// The shape of one instruction-table row and of one decoded instruction.
import type { FieldName } from './formats.js';

/** Properties the interpreter, the JIT and block discovery need without running the instruction. */
export const enum InsnFlag {
  /** Privileged operation exception in the problem state. */
  Privileged = 1 << 0,
  /** May change the PSW instruction address other than by falling through. */
  Branch = 1 << 1,
  /** A translation block must end after this instruction (branch, PSW change, wait, SVC, ...). */
  EndsBlock = 1 << 2,
  /** May set the condition code (some instructions do only for some operands). */
  SetsCC = 1 << 3,
  /** Reads the condition code (branch on condition, load/store on condition, add logical with carry, ...). */
  ReadsCC = 1 << 4,
  /** Semiprivileged: privileged unless an extraction-authority or similar control allows it. */
  SemiPrivileged = 1 << 5,
  /** Named here because binutils 2.40 does not disassemble it (servc, chsc, uvc, ...). */
  NotInBinutils = 1 << 6,
}

/** Where the opcode extension sits, counted as the first bit of the extension field. */
export type OpcodeExtension = 0 | 8 | 12 | 40;

/** How an operand is printed: the architected field(s) it comes from and the register class. */
export type OperandKind =
  | 'gpr' | 'fpr' | 'ar' | 'cr' | 'vr'
  | 'uimm' | 'simm' | 'rel'
  | 'len'          // encoded length field, printed as length + 1 (SS formats)
  | 'mem'          // D(X,B), D(B), D(L,B), D(R,B) or D(V,B), see MemOperand
  ;

export type InnerKind = 'x' | 'gpr' | 'len' | 'vx' | 'vr';

export interface Operand {
  readonly kind: OperandKind;
  /** The field that carries the value; for 'mem' the displacement field. */
  readonly field: FieldName;
  /** For 'mem': the field printed inside the parentheses before the base (index, length, register or vector). */
  readonly inner?: FieldName;
  /** For 'mem': how that inner field prints: 'x' an index register (omitted when 0), 'gpr' a register,
   *  'len' an encoded length (printed plus one), 'vx' a vector index (omitted when 0), 'vr' a vector. */
  readonly innerKind?: InnerKind;
  /** For 'mem': the base register field. */
  readonly base?: FieldName;
  /** Bits cleared before printing (an extended mnemonic already says what they meant). */
  readonly clearBits?: number;
}

/** (bits [pos, pos + width) of the instruction) & mask === value. The bits are a field of the
 *  format (named) or, for bits binutils requires to be zero, a reserved nibble (unnamed). */
export interface Selector {
  readonly field?: FieldName;
  readonly pos: number;
  readonly width: number;
  readonly mask: number;
  readonly value: number;
}

/** One way the disassembler prints an instruction: the base form, or an extended mnemonic with some
 *  field values fixed (jne = brc with M1 = 7). A form without a mnemonic marks field values binutils
 *  does not decode. */
export interface Form {
  readonly mnemonic: string;
  /** Bit values that select this form; binutils prefers the form that fixes the most bits. */
  readonly when: readonly Selector[];
  /** Operands as printed in this form. */
  readonly operands: readonly Operand[];
  /** Trailing operands that are omitted when they are zero (0: none, 1: the last, 2: the last two when both are zero). */
  readonly optional: 0 | 1 | 2;
}

export interface InsnDef {
  /** Base mnemonic, as binutils names it (or as the PoP does for the few binutils lacks). */
  readonly mnemonic: string;
  /** First opcode byte. */
  readonly op1: number;
  /** Opcode extension value (0 when ext is 0). */
  readonly op2: number;
  /** Where the extension sits: 0 none, 8 the whole second byte, 12 the low nibble of the second byte, 40 the sixth byte. */
  readonly ext: OpcodeExtension;
  readonly length: 2 | 4 | 6;
  /** PoP format name, a key of FORMAT_BY_NAME. */
  readonly format: string;
  /** Printed forms, the base form first when binutils has one. */
  readonly forms: readonly Form[];
  /** STFLE facility bit that introduces the instruction; 0 for the base z/Architecture set. */
  readonly facility: number;
  /** Oldest machine generation binutils' assembler accepts it for (g5 ... z16). */
  readonly level: string;
  readonly flags: number;
}

/** A decoded instruction: the table row plus every field of its format, named as the PoP names them.
 *  Fields the format lacks are 0. Vector register fields already include their RXB bit. Displacements
 *  are sign-extended where the format says so; relative fields are halfword counts (signed). */
export class Insn {
  r1 = 0; r2 = 0; r3 = 0; x2 = 0;
  b1 = 0; b2 = 0; b3 = 0; b4 = 0;
  d1 = 0; d2 = 0; d3 = 0; d4 = 0;
  l1 = 0; l2 = 0;
  i1 = 0; i2 = 0; i3 = 0; i4 = 0; i5 = 0;
  m1 = 0; m3 = 0; m4 = 0; m5 = 0; m6 = 0;
  v1 = 0; v2 = 0; v3 = 0; v4 = 0;
  ri2 = 0; ri3 = 0; ri4 = 0;
  constructor(
    readonly def: InsnDef,
    /** Guest address the instruction was decoded at. */
    readonly addr: number,
    /** High 32 bits of the instruction as a left-justified 64-bit value (bytes 0-3). */
    readonly hi: number,
    /** Bytes 4-5 in the high half of this 32-bit word (0 for shorter instructions). */
    readonly lo: number,
  ) {}
  get length(): 2 | 4 | 6 { return this.def.length; }

  /** Makes this object another instruction, every field 0 but the four given (a pool of decoded
   *  instructions reuses them, see jit/recent-decoded.ts). */
  reset(def: InsnDef, addr: number, hi: number, lo: number): void {
    const w = this as { -readonly [K in 'def' | 'addr' | 'hi' | 'lo']: Insn[K] };
    w.def = def;
    w.addr = addr;
    w.hi = hi;
    w.lo = lo;
    this.r1 = this.r2 = this.r3 = this.x2 = 0;
    this.b1 = this.b2 = this.b3 = this.b4 = 0;
    this.d1 = this.d2 = this.d3 = this.d4 = 0;
    this.l1 = this.l2 = 0;
    this.i1 = this.i2 = this.i3 = this.i4 = this.i5 = 0;
    this.m1 = this.m3 = this.m4 = this.m5 = this.m6 = 0;
    this.v1 = this.v2 = this.v3 = this.v4 = 0;
    this.ri2 = this.ri3 = this.ri4 = 0;
  }
}
