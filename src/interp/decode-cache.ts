// Direct-mapped cache of decoded instructions and their handlers, indexed by halfword address,
// so hot loops do not re-decode. A page that supplied a cached instruction is marked in the
// storage's code map; a store to it drops that page's entries (self-modifying code).
import { InsnFlag, type Insn, type InsnDef } from '../decoder/insn.js';
import { Pic, ProgramException, UndecodableInstruction } from '../runtime/interruption.js';
import { PAGE_SHIFT, type Storage } from '../runtime/storage.js';
import { handlerFor, type Handler } from './registry.js';

/** Decodes an instruction from its words (hi = bytes 0-3, lo = bytes 4-5 in the upper half);
 *  undefined when the opcode is not in the instruction table (decoder/decode.ts decodeWords). */
export type DecodeFn = (hi: number, lo: number, addr: number) => Insn | undefined;

export interface ExecuteTarget {
  readonly insn: Insn;
  readonly exec: Handler;
}

export const CACHE_BITS = 16;
export const CACHE_MASK = (1 << CACHE_BITS) - 1;
const ENTRIES_PER_PAGE = 1 << (PAGE_SHIFT - 1);

const operationException: Handler = () => {
  throw new ProgramException(Pic.Operation);
};

/** PSW bit 15, the problem state (kept here to avoid importing the Cpu class). */
const PSW0_PROBLEM = 1 << 16;

/** A privileged instruction in the problem state is a privileged-operation exception whether or
 *  not its semantics exist; the check is part of the cached handler, so it costs nothing else. */
function guardPrivileged(h: Handler): Handler {
  return (c, i) => {
    if ((c.pswMask0 & PSW0_PROBLEM) !== 0) throw new ProgramException(Pic.PrivilegedOperation);
    h(c, i);
  };
}

export class DecodeCache {
  /** Address each slot holds; odd (never an instruction address) when empty. */
  readonly tags = new Uint32Array(1 << CACHE_BITS).fill(1);
  /** The logical address each slot's instruction was decoded at (system mode caches by
   *  absolute address; relative operands need the logical one). */
  readonly logical = new Float64Array(1 << CACHE_BITS).fill(-1);
  readonly insns: Insn[];
  readonly execs: Handler[];
  private readonly executeTargets = new Map<number, ExecuteTarget>();
  private readonly handlers = new Map<InsnDef, Handler>();
  /** Pages holding instructions in the cache (or an EXECUTE target), by absolute page. */
  private readonly held: Uint8Array;
  /** Logical to absolute for instruction fetch; identity in user mode, the MMU in system mode. */
  fetchAddress: (a: number) => number = (a) => a;

  constructor(private readonly mem: Storage, private readonly decode: DecodeFn) {
    this.insns = new Array<Insn>(1 << CACHE_BITS);
    this.execs = new Array<Handler>(1 << CACHE_BITS).fill(operationException);
    this.held = new Uint8Array(mem.codePages.length);
    mem.onCodeWrite((page) => this.dropPage(page));
  }

  /** Decodes the instruction at ia into slot idx; throws the fetch's program exception. */
  fill(ia: number, iaHi: number, idx: number): void {
    if (iaHi !== 0) throw new ProgramException(Pic.Addressing);
    if ((ia & 1) !== 0) throw new ProgramException(Pic.Specification);
    this.fillAbsolute(ia, ia, idx);
  }

  /** Decodes the instruction at absolute address abs, which the program sees at logical
   *  address ia (relative operands use it), into slot idx. */
  fillAbsolute(abs: number, ia: number, idx: number): void {
    const insn = this.decodeAt(abs, 0, ia);
    this.tags[idx] = abs;
    this.logical[idx] = ia;
    this.insns[idx] = insn;
    this.execs[idx] = this.handler(insn);
    this.markCode(abs, insn.length);
  }

  /** An instruction that straddles a page boundary, decoded from halfwords read at logical
   *  addresses (the two pages need not be adjacent in absolute storage); not cached. */
  decodeStraddling(read16: (a: number) => number, ia: number, orByte = 0): ExecuteTarget {
    const first = read16(ia) | orByte;
    const top = first >>> 14;
    let hi = first << 16, lo = 0;
    if (top !== 0) hi |= read16(ia + 2);
    if (top === 3) lo = read16(ia + 4) << 16;
    const insn = this.decode(hi >>> 0, lo >>> 0, ia);
    if (insn === undefined) throw new UndecodableInstruction(first >>> 8);
    return { insn, exec: this.handler(insn) };
  }

  /** The target of EXECUTE at addr with bits 8-15 ORed with orByte, decoded once per
   *  (address, byte) pair: EXRL of an MVC with a register length is how memcpy ends. */
  executeTarget(addr: number, orByte: number): ExecuteTarget {
    const abs = this.fetchAddress(addr);
    if ((abs & 0xfff) > 0xffa) return this.decodeStraddling((a) => this.mem.read16(this.fetchAddress(a)), addr, orByte);
    const key = abs * 256 + orByte;
    let t = this.executeTargets.get(key);
    if (t === undefined || t.insn.addr !== addr) {
      const insn = this.decodeAt(abs, orByte, addr);
      t = { insn, exec: this.handler(insn) };
      this.executeTargets.set(key, t);
      this.markCode(abs, insn.length);
    }
    return t;
  }

  /** Told of each page this cache marks as holding code (the JIT mirrors the marks). */
  onMarkCode: ((page: number) => void) | null = null;

  private markCode(abs: number, len: number): void {
    const first = abs >>> PAGE_SHIFT, last = (abs + len - 1) >>> PAGE_SHIFT;
    this.mem.codePages[first] = 1;
    this.mem.codePages[last] = 1;
    this.held[first] = 1;
    this.held[last] = 1;
    if (this.onMarkCode !== null) {
      this.onMarkCode(first);
      if (last !== first) this.onMarkCode(last);
    }
  }

  /** The handler the run loop calls for insn (the JIT's helpers call the same), made once for
   *  each table row. */
  handler(insn: Insn): Handler {
    let h = this.handlers.get(insn.def);
    if (h === undefined) {
      const semantics = handlerFor(insn.def.mnemonic) ?? operationException;
      h = (insn.def.flags & InsnFlag.Privileged) !== 0 ? guardPrivileged(semantics) : semantics;
      this.handlers.set(insn.def, h);
    }
    return h;
  }

  /** Empties the whole cache (a new program image, a changed address space). */
  clear(): void {
    this.tags.fill(1);
    this.executeTargets.clear();
  }

  /** Fetches only the halfwords the instruction has (its length is in the first two bits), so
   *  a short instruction at the end of storage decodes; orByte is ORed into bits 8-15. */
  private decodeAt(addr: number, orByte: number, logical: number): Insn {
    const first = this.mem.read16(addr) | orByte;
    const top = first >>> 14;
    let hi = first << 16, lo = 0;
    if (top !== 0) hi |= this.mem.read16(addr + 2);
    if (top === 3) lo = this.mem.read16(addr + 4) << 16;
    const insn = this.decode(hi >>> 0, lo >>> 0, logical);
    if (insn === undefined) throw new UndecodableInstruction(first >>> 8);
    return insn;
  }

  /** Whether the cache holds an instruction (or an EXECUTE target) from absolute page `page`. */
  holds(page: number): boolean {
    return this.held[page] !== 0;
  }

  private dropPage(page: number): void {
    // A page the cache took no instruction from since it was last dropped has nothing to drop:
    // the JIT engine keeps a page that holds both its blocks and busy data marked as code.
    if (this.held[page] === 0) return;
    this.held[page] = 0;
    // A page's halfwords map to one contiguous run of slots; entries of other pages that alias
    // there are dropped too, which costs a re-decode, never a wrong answer.
    // The two slots before the page hold the instructions that may start on the previous page
    // and end on this one.
    this.executeTargets.clear();
    const first = ((page << PAGE_SHIFT) >>> 1) & CACHE_MASK;
    this.tags.fill(1, first, first + ENTRIES_PER_PAGE);
    this.tags[(first - 1) & CACHE_MASK] = 1;
    this.tags[(first - 2) & CACHE_MASK] = 1;
  }
}
