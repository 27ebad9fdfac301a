// The program-interruption code f raises, or -1 when it completes; anything that is not a
// ProgramException is a host error and propagates.
import { ProgramException } from '../../src/runtime/interruption.js';

export function pic(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof ProgramException) return e.code;
    throw e;
  }
  return -1;
}
