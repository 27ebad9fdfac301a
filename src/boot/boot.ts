// Boots a kernel (a Linux image or a bare-metal ELF) on a fresh machine: the library form of
// `s390x-wasm run`, shared by the CLI, the boot tests and the boot benchmark.
import { Machine, type MachineExit } from '../runtime/machine.js';
import { loadBootImage } from './linux-image.js';

export interface BootRequest {
  readonly kernel: Uint8Array;
  readonly initrd?: Uint8Array;
  readonly commandLine?: string;
  readonly memory: number;
  readonly deterministic: boolean;
  readonly output: (bytes: Uint8Array) => void;
  readonly maxInstructions?: number;
}

export interface BootResult {
  readonly exit: MachineExit;
  readonly machine: Machine;
  readonly instructions: number;
  readonly seconds: number;
}

/** Builds the machine and loads the images; throws BootImageError for a bad kernel or initrd. */
export function prepareBoot(req: BootRequest): Machine {
  const m = new Machine({ memory: req.memory, deterministic: req.deterministic, output: req.output });
  const image = loadBootImage(m.cpu.storage, req.kernel, { initrd: req.initrd, commandLine: req.commandLine });
  m.start(image.pswMask[0], image.pswMask[1], image.entry);
  return m;
}

export async function boot(req: BootRequest, m = prepareBoot(req)): Promise<BootResult> {
  const t0 = performance.now();
  const exit = await m.run(req.maxInstructions);
  return { exit, machine: m, instructions: m.cpu.executed, seconds: (performance.now() - t0) / 1000 };
}
