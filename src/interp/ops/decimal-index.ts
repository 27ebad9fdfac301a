// The packed-decimal handler tables, for ops/index.ts to register.
import type { HandlerTable } from '../registry.js';
import { decimalArithOps } from './decimal-arith.js';
import { decimalConvertOps } from './decimal-convert.js';
import { decimalEditOps } from './decimal-edit.js';

export const decimalTables: readonly HandlerTable[] = [decimalArithOps, decimalConvertOps, decimalEditOps];
