// Registers the system-mode (privileged) instruction families with the interpreter.
import { register } from '../../interp/registry.js';
import { controlOps } from './control.js';
import { datOps } from './dat-ops.js';
import { serviceOps } from './service.js';
import { timerOps } from './timer.js';
import { uvcOps } from './uvc.js';

let done = false;

export function registerSystemOps(): void {
  if (done) return;
  done = true;
  for (const table of [controlOps, timerOps, datOps, serviceOps, uvcOps]) register(table);
}
