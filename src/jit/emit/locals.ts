// Wasm local indexes of a module's run function. Parameters: the block to start at, the
// instruction budget, and the instructions completed so far (by the compiled code that chained
// here). Then the 16 GPRs (i64), the lazy
// CC's inputs (i64) and which operation they belong to (-1: the CC is in the state memory), the
// last effective address and its host offset (and its absolute address, last), and what an exit hands its block's exit tail:
// the next instruction address, instructions of this pass, a program-exception code and ILC,
// the block of this module to chain to (-1: none), then the absolute address of the last access
// and the engine's block slot to chain to (-1: none).
export const L_ENTRY = 0;
export const L_BUDGET = 1;
export const L_DONE = 2;
export const L_GPR = 3;
export const L_CC_A = 19;
export const L_CC_B = 20;
export const L_CC_R = 21;
export const L_CC_OP = 22;
export const L_EA = 23;
export const L_HOST = 24;
export const L_X_IA = 25;
export const L_X_COUNT = 26;
export const L_X_CODE = 27;
export const L_X_ILC = 28;
export const L_X_NEXT = 29;
export const L_ABS = 30;
export const L_X_SLOT = 31;
/** The parameters (all i32). */
export const PARAMS = 3;
/** Types of locals 3 .. 31. */
export const FIXED_LOCALS = [...new Array<'i64'>(16).fill('i64'), 'i64', 'i64', 'i64', 'i32', 'i64', 'i32', 'i64', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'] as const;
