// Signals in user mode: the dispositions the guest installs, the translation of program
// interruptions into the signals Linux sends for them (arch/s390/kernel/traps.c), and the s390x
// rt signal frame, so a handler runs with siginfo and ucontext and can return through
// rt_sigreturn.
import type { Cpu } from '../interp/cpu.js';
import { Pic } from '../runtime/interruption.js';
import { EINVAL, SyscallError } from './errno.js';
import { readLong, Struct } from './guest-data.js';
import { NR } from './syscall-names.js';

export const SIGILL = 4, SIGABRT = 6, SIGFPE = 8, SIGKILL = 9, SIGSEGV = 11, SIGPIPE = 13, SIGSTOP = 19;
const SIGCHLD = 17, SIGCONT = 18, SIGURG = 23, SIGWINCH = 28;
const ILL_ILLOPC = 1, ILL_ILLOPN = 2, ILL_PRVOPC = 5;
const FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6,
  FPE_FLTINV = 7;
const SEGV_MAPERR = 1, SEGV_ACCERR = 2;
const SIG_DFL = 0, SIG_IGN = 1;
const SA_ONSTACK = 0x08000000, SA_RESTORER = 0x04000000, SA_NODEFER = 0x40000000,
  SA_RESETHAND = 0x80000000;
const SS_DISABLE = 2;

/** The signal and si_code Linux sends for a program interruption, given the FPC (for the DXC). */
export function signalForProgram(code: number, fpc: number): { sig: number; si_code: number } {
  switch (code) {
    case Pic.Operation: return { sig: SIGILL, si_code: ILL_ILLOPC };
    case Pic.PrivilegedOperation: case Pic.SpecialOperation: return { sig: SIGILL, si_code: ILL_PRVOPC };
    case Pic.Protection: return { sig: SIGSEGV, si_code: SEGV_ACCERR };
    // No DAT here: an address beyond storage is what an unmapped page is to a Linux process.
    case Pic.Addressing: case 0x10: case 0x11: return { sig: SIGSEGV, si_code: SEGV_MAPERR };
    case Pic.FixedPointOverflow: case Pic.DecimalOverflow: return { sig: SIGFPE, si_code: FPE_INTOVF };
    case Pic.FixedPointDivide: case Pic.DecimalDivide: return { sig: SIGFPE, si_code: FPE_INTDIV };
    case Pic.HfpExponentOverflow: return { sig: SIGFPE, si_code: FPE_FLTOVF };
    case Pic.HfpExponentUnderflow: return { sig: SIGFPE, si_code: FPE_FLTUND };
    case Pic.HfpSignificance: return { sig: SIGFPE, si_code: FPE_FLTRES };
    case Pic.HfpDivide: return { sig: SIGFPE, si_code: FPE_FLTDIV };
    case Pic.Data: {
      const dxc = (fpc >>> 8) & 0xff;
      if (dxc === 0) return { sig: SIGILL, si_code: ILL_ILLOPN };
      // DXC bits 6-7 zero mark an IEEE exception; the highest-priority flag names it.
      let si_code = 0;
      if ((dxc & 3) === 0) {
        if (dxc & 0x80) si_code = FPE_FLTINV;
        else if (dxc & 0x40) si_code = FPE_FLTDIV;
        else if (dxc & 0x20) si_code = FPE_FLTOVF;
        else if (dxc & 0x10) si_code = FPE_FLTUND;
        else if (dxc & 0x08) si_code = FPE_FLTRES;
      }
      return { sig: SIGFPE, si_code };
    }
    default: return { sig: SIGILL, si_code: ILL_ILLOPN };
  }
}

interface Action {
  handler: number;
  flags: number;
  restorer: number;
  mask: bigint;
}

/** struct rt_sigframe (arch/s390/kernel/signal.c): the 160-byte callee save area, the
 *  rt_sigreturn SVC, siginfo, then the ucontext whose _sigregs hold the interrupted state. */
const FRAME_SVC = 160;
const FRAME_INFO = 168;
const FRAME_UC = 296;
const UC_MCONTEXT = FRAME_UC + 40;
const UC_SIGMASK = UC_MCONTEXT + 344;
const FRAME_SIZE = UC_SIGMASK + 128;

/** Why the process must end: exit(2) or a signal whose action is to terminate. */
export class ProcessExit {
  constructor(readonly status: number, readonly signal = 0) {}
}

export class Signals {
  private readonly actions: Action[] = Array.from({ length: 65 }, () => ({ handler: SIG_DFL, flags: 0, restorer: 0, mask: 0n }));
  blocked = 0n;
  private altstack = { sp: 0, size: 0, flags: SS_DISABLE };

  /** rt_sigaction: struct sigaction { handler; unsigned long sa_flags; restorer; sigset_t mask; }. */
  sigaction(cpu: Cpu, sig: number, act: number, oact: number): number {
    if (sig < 1 || sig > 64) throw new SyscallError(EINVAL);
    const cur = this.actions[sig];
    if (oact !== 0) new Struct(32).u64(0, cur.handler).u64(8, cur.flags).u64(16, cur.restorer).u64(24, cur.mask).store(cpu.storage, oact);
    if (act !== 0) {
      if (sig === SIGKILL || sig === SIGSTOP) throw new SyscallError(EINVAL);
      this.actions[sig] = {
        handler: readLong(cpu.storage, act),
        flags: readLong(cpu.storage, act + 8),
        restorer: readLong(cpu.storage, act + 16),
        mask: BigInt.asUintN(64, BigInt(readLong(cpu.storage, act + 24))),
      };
    }
    return 0;
  }

  sigprocmask(cpu: Cpu, how: number, set: number, oset: number): number {
    const old = this.blocked;
    if (set !== 0) {
      cpu.storage.read64(set);
      const m = (BigInt(cpu.storage.hi >>> 0) << 32n) | BigInt(cpu.storage.lo >>> 0);
      if (how === 0) this.blocked |= m;
      else if (how === 1) this.blocked &= ~m;
      else if (how === 2) this.blocked = m;
      else throw new SyscallError(EINVAL);
    }
    if (oset !== 0) new Struct(8).u64(0, old).store(cpu.storage, oset);
    return 0;
  }

  /** sigaltstack: stack_t { void *ss_sp; int ss_flags; size_t ss_size; }. */
  sigaltstack(cpu: Cpu, ss: number, oss: number): number {
    if (oss !== 0) new Struct(24).u64(0, this.altstack.sp).u32(8, this.altstack.flags).u64(16, this.altstack.size).store(cpu.storage, oss);
    if (ss !== 0) {
      const flags = cpu.storage.read32(ss + 8);
      this.altstack = { sp: readLong(cpu.storage, ss), size: readLong(cpu.storage, ss + 16), flags: flags & SS_DISABLE };
    }
    return 0;
  }

  /** Delivers sig: runs the guest handler (the CPU state becomes the handler's entry state) or
   *  applies the default action, which may end the process by throwing ProcessExit. */
  deliver(cpu: Cpu, sig: number, si_code: number, addr: number): void {
    const act = this.actions[sig];
    const synchronous = sig === SIGILL || sig === SIGFPE || sig === SIGSEGV;
    if (act.handler === SIG_IGN && !synchronous) return;
    if (act.handler === SIG_DFL || act.handler === SIG_IGN) {
      if (sig === SIGCHLD || sig === SIGCONT || sig === SIGURG || sig === SIGWINCH) return;
      throw new ProcessExit(128 + sig, sig);
    }
    this.pushFrame(cpu, sig, si_code, addr, act);
    if ((act.flags & SA_RESETHAND) !== 0) this.actions[sig] = { handler: SIG_DFL, flags: 0, restorer: 0, mask: 0n };
  }

  private pushFrame(cpu: Cpu, sig: number, si_code: number, addr: number, act: Action): void {
    const sp = Number(cpu.getR(15) & 0xffffffffffffn);
    const onAlt = (act.flags & SA_ONSTACK) !== 0 && this.altstack.flags === 0;
    const top = onAlt ? this.altstack.sp + this.altstack.size : sp;
    const frame = (top - FRAME_SIZE) & ~7;
    const f = new Struct(FRAME_SIZE);
    f.u64(0, sp); // back chain
    f.u16(FRAME_SVC, 0x0a00 | NR.rt_sigreturn);
    f.u32(FRAME_INFO, sig).u32(FRAME_INFO + 8, si_code).u64(FRAME_INFO + 16, addr);
    f.u64(FRAME_UC + 16, this.altstack.sp).u32(FRAME_UC + 24, this.altstack.flags).u64(FRAME_UC + 32, this.altstack.size);
    f.u32(UC_MCONTEXT, cpu.pswMask0WithCc()).u32(UC_MCONTEXT + 4, cpu.pswMask1);
    f.u32(UC_MCONTEXT + 8, cpu.iaHi).u32(UC_MCONTEXT + 12, cpu.ia);
    for (let r = 0; r < 16; r++) f.u64(UC_MCONTEXT + 16 + 8 * r, cpu.getR(r));
    for (let r = 0; r < 16; r++) f.u32(UC_MCONTEXT + 144 + 4 * r, cpu.ar(r));
    f.u32(UC_MCONTEXT + 208, cpu.fpc);
    for (let r = 0; r < 16; r++) f.u32(UC_MCONTEXT + 216 + 8 * r, cpu.fprHi(r)).u32(UC_MCONTEXT + 220 + 8 * r, cpu.fprLo(r));
    f.u64(UC_SIGMASK, this.blocked);
    f.store(cpu.storage, frame);
    if ((act.flags & SA_NODEFER) === 0) this.blocked |= 1n << BigInt(sig - 1);
    this.blocked |= act.mask;
    const restorer = (act.flags & SA_RESTORER) !== 0 ? act.restorer : frame + FRAME_SVC;
    cpu.setR(2, BigInt(sig));
    cpu.setR(3, BigInt(frame + FRAME_INFO));
    cpu.setR(4, BigInt(frame + FRAME_UC));
    cpu.setR(14, BigInt(restorer));
    cpu.setR(15, BigInt(frame));
    cpu.setIaNumber(act.handler);
  }

  /** rt_sigreturn: restores the state saved in the frame at r15. */
  sigreturn(cpu: Cpu): void {
    const frame = Number(cpu.getR(15) & 0xffffffffffffn);
    const m = cpu.storage;
    const mc = frame + UC_MCONTEXT;
    const mask0 = m.read32(mc);
    // Only the condition code and program mask are the program's to change.
    cpu.setPswMask((cpu.pswMask0 & ~0x3f00) | (mask0 & 0x3f00), cpu.pswMask1);
    cpu.setIa(m.read32(mc + 8), m.read32(mc + 12));
    for (let r = 0; r < 16; r++) {
      m.read64(mc + 16 + 8 * r);
      cpu.set64(r, m.hi, m.lo);
    }
    for (let r = 0; r < 16; r++) cpu.setAr(r, m.read32(mc + 144 + 4 * r));
    cpu.fpc = m.read32(mc + 208);
    for (let r = 0; r < 16; r++) {
      m.read64(mc + 216 + 8 * r);
      cpu.setFpr(r, m.hi, m.lo);
    }
    m.read64(frame + UC_SIGMASK);
    this.blocked = (BigInt(m.hi >>> 0) << 32n) | BigInt(m.lo >>> 0);
  }
}
