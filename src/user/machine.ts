// The CPU a user-mode process runs on: the reference interpreter over one state memory whose
// guest storage is the whole address space of the process.
import { decodeWords } from '../decoder/decode.js';
import { Cpu } from '../interp/cpu.js';
import { registerAllOps } from '../interp/ops/index.js';
import { createStateMemory } from '../runtime/state.js';

/** 1 GiB of guest storage: the image at 16 MiB, the break above it, mappings below the stack at the top. */
export const USER_STORAGE = 1 << 30;

export function createUserCpu(storageSize = USER_STORAGE): Cpu {
  registerAllOps();
  return new Cpu(createStateMemory(storageSize), decodeWords);
}
