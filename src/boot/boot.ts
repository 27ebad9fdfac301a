// Boots a kernel (a Linux image, a bare-metal ELF or a Secure Execution image) on a fresh
// machine: the library form of `s390x-wasm run`, shared by the CLI, the boot tests and the boot
// benchmarks. A Secure Execution image gets a PV-capable machine (facilities 158 and 161 and an
// Ultravisor holding the host key) and starts at its IPL PSW, in stage3a, as QEMU's -kernel
// starts it; any other kernel gets a machine without PV, so nothing changes for it.
import type { KeyObject } from 'node:crypto';
import { JitEngine, type JitOptions, type JitStats } from '../jit/engine.js';
import { createEngine, type EngineName } from '../jit/select.js';
import { Machine, type MachineExit } from '../runtime/machine.js';
import { isSeImage } from '../uv/image-locate.js';
import { BootImageError, loadBootImage, PSW_MASK_64 } from './linux-image.js';

export interface BootRequest {
  readonly kernel: Uint8Array;
  /** Ignored for a Secure Execution image, which carries its own. */
  readonly initrd?: Uint8Array;
  /** Ignored for a Secure Execution image, which carries its own. */
  readonly commandLine?: string;
  readonly memory: number;
  readonly deterministic: boolean;
  readonly output: (bytes: Uint8Array) => void;
  readonly maxInstructions?: number;
  /** The Ultravisor's private host key: needed to boot a Secure Execution image. */
  readonly hostKey?: KeyObject;
  /** What runs the CPU (default interp); jit and lockstep with the Binaryen backend need
   *  loadBinaryen() first. */
  readonly engine?: EngineName;
  readonly jit?: JitOptions;
}

export interface BootResult {
  readonly exit: MachineExit;
  readonly machine: Machine;
  readonly instructions: number;
  readonly seconds: number;
  /** The JIT's counters (jit and lockstep engines). */
  readonly jit?: JitStats;
}

/** Builds the machine and loads the images; throws BootImageError for a bad kernel or initrd. */
export function prepareBoot(req: BootRequest): Machine {
  const secure = isSeImage(req.kernel);
  if (secure && req.hostKey === undefined) throw new BootImageError('the kernel is a Secure Execution image: booting it needs the host key');
  const m = new Machine({
    memory: req.memory, deterministic: req.deterministic, output: req.output,
    ...(secure && { pv: { hostKey: req.hostKey! } }),
    engine: (machine) => createEngine(req.engine ?? 'interp', machine.cpu, req.jit) ?? { run: (n) => machine.cpu.runSystem(n) },
  });
  if (secure) {
    if (req.kernel.length > m.cpu.storage.size) {
      throw new BootImageError(`Secure Execution image is ${req.kernel.length} bytes, more than the ${m.cpu.storage.size} bytes of guest storage`);
    }
    m.cpu.storage.writeBytes(0, req.kernel);
    m.start(PSW_MASK_64[0], PSW_MASK_64[1], seImageEntry(req.kernel));
    return m;
  }
  const image = loadBootImage(m.cpu.storage, req.kernel, { initrd: req.initrd, commandLine: req.commandLine });
  m.start(image.pswMask[0], image.pswMask[1], image.entry);
  return m;
}

/** The address in the image's IPL PSW (z/Architecture short format, EA and BA set: 64-bit), as
 *  QEMU takes it: bits 33-63 of the doubleword at 0. */
function seImageEntry(image: Uint8Array): number {
  return new DataView(image.buffer, image.byteOffset, 8).getUint32(4, false) & 0x7fffffff;
}

export async function boot(req: BootRequest, m = prepareBoot(req)): Promise<BootResult> {
  const t0 = performance.now();
  const exit = await m.run(req.maxInstructions);
  const jit = m.executor instanceof JitEngine ? m.executor.stats : undefined;
  return { exit, machine: m, instructions: m.cpu.executed, seconds: (performance.now() - t0) / 1000, jit };
}
