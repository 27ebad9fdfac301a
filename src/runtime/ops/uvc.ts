// ULTRAVISOR CALL (B9A4, RRF): installed with facility 158, on a PV-capable machine only. R2
// holds the logical address of the UV control block; the R3 and M4 fields must be zero. The
// call itself is the Ultravisor's (src/uv/uvc.ts).
import type { HandlerTable } from '../../interp/registry.js';
import { regAddr } from '../../interp/ops/regaddr.js';
import { ultravisorCall } from '../../uv/uvc.js';
import { Pic, ProgramException } from '../interruption.js';

export const uvcOps: HandlerTable = {
  uvc: (c, i) => {
    const uv = c.sys!.uv;
    if (uv === null) throw new ProgramException(Pic.Operation);
    if (((i.hi >>> 8) & 0xff) !== 0) throw new ProgramException(Pic.Specification);
    c.cc = ultravisorCall(uv, c.mem, regAddr(c, i.r2));
  },
};
