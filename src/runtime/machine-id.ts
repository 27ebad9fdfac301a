// The machine's identity: the CPU ID that STORE CPU ID (STIDP) stores and the system-information
// blocks (SYSIBs) of STORE SYSTEM INFORMATION (STSI), PoP chapter 10. Offsets are those of
// Linux's arch/s390/include/asm/sysinfo.h, which mirrors the PoP layouts.
//
// We claim configuration level 3, a virtual machine under a hypervisor, as QEMU does: at levels 1
// and 2 Linux assumes an LPAR and so an SCLP line-mode console, and at level 3 it reads the
// control-program identifier of SYSIB 3.2.2 to tell KVM ("KVM...") and z/VM ("z/VM") apart.
// Ours is neither, so Linux sets neither MACHINE_IS_KVM nor MACHINE_IS_VM and issues no
// hypervisor-specific DIAGNOSEs; it still picks its console as on an LPAR (SCLP line mode).
import { Pic, ProgramException } from './interruption.js';
import { toEbcdic } from './ebcdic.js';

/** z10 EC, the oldest machine Debian's s390x kernel is built for (-march=z10). */
export const MACHINE_TYPE = 0x2097;
/** 0 rather than z/VM's X'FF', so nothing takes the version code for a z/VM guest. */
export const CPU_VERSION = 0x00;
/** The configuration level STSI function code 0 reports: a virtual machine. */
export const CURRENT_LEVEL = 3;

/** Low 16 bits of the CPU identification number; bits 8-15 hold the CPU address so every CPU's
 *  ID differs, as format 0 requires in a multiprocessing configuration. */
const CPU_SERIAL = 0x2026;
const SEQUENCE_CODE = '0000000000052026';
const PLANT = '02';
const MODEL = 'E12';
const MODEL_CAPACITY = '701';
/** SYSIB 1.2.2 CPU capability: an integer (first 9 bits zero), lower meaning faster. Linux sets
 *  loops_per_jiffy from 10^7 / capability; the TOD clock, not this, times its delays. */
const CPU_CAPABILITY = 1000;
/** Capacity-adjustment factor in SYSIBs 2.2.2 and 3.2.2: 1000 means the full machine. */
const FULL_CAF = 1000;
const LPAR_NUMBER = 1;
const LPAR_DEDICATED = 0x80;
/** Default machine name, in the LPAR and VM name fields. */
const MACHINE_NAME = 'S390WASM';
/** SYSIB 3.2.2 control-program identifier. Linux treats a CPI starting with "KVM" as a
 *  KVM-style hypervisor guest (QEMU's TCG answers "KVM/Linux" too): it then takes the VT220
 *  SCLP console and uses only the DIAGNOSE codes this machine implements (0x44, 0x9c, 0x308). */
const CONTROL_PROGRAM = 'KVM/S390X-WASM';
/** SYSIB 3.2.2 extended-name encoding: UTF-8. */
const EXT_NAME_UTF8 = 2;

export const SYSIB_SIZE = 4096;

export interface MachineConfig {
  cpus: number;
  /** LPAR and virtual-machine name; default "S390WASM". At most 8 characters in the 8-byte
   *  EBCDIC fields (upper-cased there); the 3.2.2 extended name carries it as given. */
  machineName?: string;
}

/** STIDP's doubleword as [bits 0-31, bits 32-63]: version code, CPU identification number,
 *  machine type, format bit 48 = 0 (bits 8-31 are a plain identification number). */
export function stidp(cpuAddress: number): [number, number] {
  const ident = ((cpuAddress & 0xff) << 16) | CPU_SERIAL;
  return [((CPU_VERSION << 24) | ident) >>> 0, (MACHINE_TYPE << 16) >>> 0];
}

class Sysib {
  readonly bytes = new Uint8Array(SYSIB_SIZE);
  private readonly dv = new DataView(this.bytes.buffer);
  u8(off: number, v: number): void { this.dv.setUint8(off, v); }
  u16(off: number, v: number): void { this.dv.setUint16(off, v); }
  u32(off: number, v: number): void { this.dv.setUint32(off, v); }
  ebcdic(off: number, len: number, text: string): void { this.bytes.set(toEbcdic(text, len), off); }
}

/** Total, configured, standby and reserved CPU counts, the 8-byte group every CPUs SYSIB has. */
function cpuCounts(s: Sysib, off: number, cpus: number): void {
  s.u16(off, cpus);
  s.u16(off + 2, cpus);
  s.u16(off + 4, 0);
  s.u16(off + 6, 0);
}

function shortName(cfg: MachineConfig): string {
  const name = (cfg.machineName ?? MACHINE_NAME).toUpperCase();
  return name.length > 8 ? name.slice(0, 8) : name;
}

function basicMachine(): Sysib {
  const s = new Sysib();
  s.ebcdic(32, 16, 'IBM');
  s.ebcdic(48, 4, MACHINE_TYPE.toString(16));
  s.ebcdic(64, 16, MODEL_CAPACITY);
  s.ebcdic(80, 16, SEQUENCE_CODE);
  s.ebcdic(96, 4, PLANT);
  s.ebcdic(100, 16, MODEL);
  s.ebcdic(116, 16, MODEL_CAPACITY);
  s.ebcdic(132, 16, MODEL_CAPACITY);
  s.u32(148, CPU_CAPABILITY);
  s.u32(152, CPU_CAPABILITY);
  s.u32(156, CPU_CAPABILITY);
  return s;
}

/** SYSIBs 1.2.1 and 2.2.1 share one layout; 2.2.1 adds the logical CPU ID at 100. */
function oneCpu(cpuAddress: number, logicalId: boolean): Sysib {
  const s = new Sysib();
  s.ebcdic(80, 16, SEQUENCE_CODE);
  s.ebcdic(96, 4, PLANT);
  if (logicalId) s.u16(100, cpuAddress);
  s.u16(102, cpuAddress);
  return s;
}

function basicMachineCpus(cfg: MachineConfig): Sysib {
  const s = new Sysib();
  s.u32(32, CPU_CAPABILITY);
  cpuCounts(s, 36, cfg.cpus);
  return s;
}

function lparCpus(cfg: MachineConfig): Sysib {
  const s = new Sysib();
  s.u16(32, LPAR_NUMBER);
  s.u8(35, LPAR_DEDICATED);
  cpuCounts(s, 36, cfg.cpus);
  s.ebcdic(44, 8, shortName(cfg));
  s.u32(52, FULL_CAF);
  s.u16(72, cfg.cpus);
  return s;
}

/** One virtual-machine description block (at 32, 64 bytes) and its extended name (at 2048). */
function vmCpus(cfg: MachineConfig): Sysib {
  const s = new Sysib();
  s.u8(31, 1);
  cpuCounts(s, 36, cfg.cpus);
  s.ebcdic(44, 8, shortName(cfg));
  s.u32(52, FULL_CAF);
  s.ebcdic(56, 16, CONTROL_PROGRAM);
  s.u8(75, EXT_NAME_UTF8);
  const ext = new TextEncoder().encode(cfg.machineName ?? MACHINE_NAME);
  s.bytes.set(ext.subarray(0, 256), 2048);
  return s;
}

/** STSI for function code fc and selectors sel1, sel2: the SYSIB to store, 'current-level' for
 *  fc 0 (the CPU puts CURRENT_LEVEL in GR0 bits 32-35), or null for an unsupported combination
 *  (CC 3). Function code 15 (topology) is unsupported: we do not offer facility 11. */
export function stsi(
  fc: number, sel1: number, sel2: number, cpuAddress: number, cfg: MachineConfig,
): Uint8Array | null | 'current-level' {
  const key = `${fc}.${sel1}.${sel2}`;
  switch (key) {
    case '1.1.1': return basicMachine().bytes;
    case '1.2.1': return oneCpu(cpuAddress, false).bytes;
    case '1.2.2': return basicMachineCpus(cfg).bytes;
    case '2.2.1': return oneCpu(cpuAddress, true).bytes;
    case '2.2.2': return lparCpus(cfg).bytes;
    case '3.2.2': return vmCpus(cfg).bytes;
  }
  return fc === 0 ? 'current-level' : null;
}

/** Where STSI stores: the part of the CPU's storage access this module needs. */
export interface SysibMemory {
  writeBytes(a: number, bytes: Uint8Array): void;
}

/** The whole STSI instruction, in the PoP's order of checks: an fc above the current level is
 *  CC 3 with no other checks; reserved bits of GR0 (36-55) or GR1 (32-47) are a specification
 *  exception; fc 0 then only reports the level; otherwise the second operand must be on a 4K
 *  boundary. gr0 and gr1 are bits 32-63; returns the CC and the new bits 32-63 of GR0. */
export function executeStsi(
  gr0: number, gr1: number, address: number, cpuAddress: number, cfg: MachineConfig,
  mem: SysibMemory,
): { cc: number; gr0: number } {
  const fc = gr0 >>> 28;
  if (fc > CURRENT_LEVEL) return { cc: 3, gr0 };
  if ((gr0 & 0x0fffff00) !== 0 || (gr1 & 0xffff0000) !== 0) {
    throw new ProgramException(Pic.Specification);
  }
  if (fc === 0) return { cc: 0, gr0: ((CURRENT_LEVEL << 28) | (gr0 & 0x0fffffff)) >>> 0 };
  if (address % SYSIB_SIZE !== 0) throw new ProgramException(Pic.Specification);
  const sysib = stsi(fc, gr0 & 0xff, gr1 & 0xffff, cpuAddress, cfg);
  if (!(sysib instanceof Uint8Array)) return { cc: 3, gr0 };
  mem.writeBytes(address, sysib);
  return { cc: 0, gr0 };
}
