// The floating-point handler tables (BFP arithmetic, conversions, loads, FPC control), for
// ops/index.ts to register with the general-instruction families.
import type { HandlerTable } from '../registry.js';
import { bfpArithOps } from './bfp-arith.js';
import { bfpControlOps } from './bfp-control.js';
import { bfpConvertOps } from './bfp-convert.js';
import { bfpLoadOps } from './bfp-load.js';

export const floatingPointTables: readonly HandlerTable[] = [bfpArithOps, bfpConvertOps, bfpLoadOps, bfpControlOps];
