// Interruptions (PoP chapter 6): the old PSW and the interruption code are stored in the lowcore
// at the prefix, and the new PSW is loaded from it. Program and SVC interruptions come from the
// instruction that caused them; external and I/O interruptions are taken between slices when
// the PSW and CR0 enable them, in the PoP's priority order.
import { AccessException, Pic, UndecodableInstruction } from './interruption.js';
import * as LC from './lowcore.js';
import { PSW0_EXT, PSW0_IO } from '../interp/cpu.js';
import { CR0_CKC, CR0_CPU_TIMER, CR0_EMERGENCY, CR0_EXTERNAL_CALL, CR0_SERVICE_SIGNAL, type Machine } from './machine.js';

/** Exceptions that nullify: the old PSW designates the instruction itself, so it runs again. */
function nullifies(code: number): boolean {
  return code === Pic.PageTranslation || code === Pic.SegmentTranslation
    || (code >= Pic.AsceType && code <= Pic.RegionThirdTranslation);
}

/** Stores the current PSW at old and loads the PSW at new (both real lowcore offsets). */
function swapPsw(m: Machine, oldPsw: number, newPsw: number): void {
  const cpu = m.cpu;
  const st = cpu.storage;
  const abs = (r: number): number => m.mmu.realToAbsolute(r);
  // The old PSW is the current PSW, wait bit included: Linux's idle exit clears it itself.
  st.write64(abs(oldPsw), cpu.pswMask0WithCc(), cpu.pswMask1);
  st.write64(abs(oldPsw + 8), cpu.iaHi, cpu.ia);
  st.read64(abs(newPsw));
  const m0 = st.hi, m1 = st.lo;
  st.read64(abs(newPsw + 8));
  cpu.setPswMask(m0 >>> 0, m1 >>> 0);
  cpu.setIa(st.hi >>> 0, st.lo >>> 0);
}

function writeLowcore16(m: Machine, off: number, v: number): void {
  m.cpu.storage.write16(m.mmu.realToAbsolute(off), v);
}

function writeLowcore32(m: Machine, off: number, v: number): void {
  m.cpu.storage.write32(m.mmu.realToAbsolute(off), v);
}

export function deliverProgram(m: Machine, code: number, ilc: number): void {
  const cpu = m.cpu;
  const e = cpu.lastException;
  if (nullifies(code) && cpu.faultIa >= 0) cpu.setIaNumber(cpu.faultIa);
  if (e instanceof UndecodableInstruction && ilc === 0) {
    // The fetch stopped before the instruction address moved: suppression steps past it.
    ilc = e.ilc;
    cpu.setIaNumber(cpu.iaHi * 0x1_0000_0000 + cpu.ia + 2 * ilc);
  }
  writeLowcore16(m, LC.LC_PGM_ILC, ilc << 1);
  writeLowcore16(m, LC.LC_PGM_CODE, code);
  if (e instanceof AccessException) {
    m.cpu.storage.write64(m.mmu.realToAbsolute(LC.LC_TRANS_EXC_CODE), e.teidHi, e.teidLo);
    m.cpu.storage.write8(m.mmu.realToAbsolute(LC.LC_EXC_ACCESS_ID), 0);
  }
  if (code === Pic.Data) writeLowcore32(m, LC.LC_DATA_EXC_CODE, cpu.fpc & 0xff00);
  swapPsw(m, LC.LC_PROGRAM_OLD_PSW, LC.LC_PROGRAM_NEW_PSW);
}

export function deliverSvc(m: Machine, code: number): void {
  // SVC is two bytes long: ILC 1, stored shifted left one bit as in every interruption code.
  writeLowcore16(m, LC.LC_SVC_ILC, 2);
  writeLowcore16(m, LC.LC_SVC_CODE, code);
  swapPsw(m, LC.LC_SVC_OLD_PSW, LC.LC_SVC_NEW_PSW);
}

export function deliverRestart(m: Machine): void {
  swapPsw(m, LC.LC_RESTART_OLD_PSW, LC.LC_RESTART_NEW_PSW);
}

function deliverExternal(m: Machine, code: number, param: number): void {
  writeLowcore16(m, LC.LC_EXT_INT_CODE, code);
  writeLowcore16(m, LC.LC_EXT_CPU_ADDR, m.cpuAddress);
  writeLowcore32(m, LC.LC_EXT_PARAMS, param);
  swapPsw(m, LC.LC_EXTERNAL_OLD_PSW, LC.LC_EXTERNAL_NEW_PSW);
}

/** Takes the highest-priority pending external or I/O interruption the PSW and CRs enable. */
export function deliverPending(m: Machine): void {
  const cpu = m.cpu;
  const mask0 = cpu.pswMask0;
  if ((mask0 & PSW0_EXT) !== 0) {
    const cr0 = cpu.crLo(0);
    if (m.emergencySignal && (cr0 & CR0_EMERGENCY) !== 0) {
      m.emergencySignal = false;
      deliverExternal(m, LC.EXT_EMERGENCY_SIGNAL, 0);
      return;
    }
    if (m.externalCall && (cr0 & CR0_EXTERNAL_CALL) !== 0) {
      m.externalCall = false;
      deliverExternal(m, LC.EXT_EXTERNAL_CALL, 0);
      return;
    }
    if ((cr0 & CR0_CKC) !== 0 && m.clock.comparatorPending()) {
      deliverExternal(m, LC.EXT_CLOCK_COMPARATOR, 0);
      return;
    }
    if ((cr0 & CR0_CPU_TIMER) !== 0 && m.clock.cpuTimerNegative()) {
      deliverExternal(m, LC.EXT_CPU_TIMER, 0);
      return;
    }
    if ((cr0 & CR0_SERVICE_SIGNAL) !== 0 && m.sclp.signalPending) {
      const param = m.sclp.takeServiceSignal();
      if (param !== null) {
        deliverExternal(m, LC.EXT_SERVICE_SIGNAL, param);
        return;
      }
    }
  }
  if ((mask0 & PSW0_IO) !== 0) {
    const io = m.css.takeIo(cpu.crLo(6));
    if (io !== undefined) {
      writeLowcore32(m, LC.LC_SUBCHANNEL_ID, io.sid);
      writeLowcore32(m, LC.LC_IO_INT_PARM, io.parm);
      writeLowcore32(m, LC.LC_IO_INT_WORD, io.iiw);
      swapPsw(m, LC.LC_IO_OLD_PSW, LC.LC_IO_NEW_PSW);
    }
  }
}
