// Wasm local indexes of a compiled block's function. Parameters: the instruction budget and the
// instructions completed so far (by the compiled code that chained here). Then the 16 GPRs
// (i64), the lazy CC's inputs (i64) and which operation they belong to (-1: the CC is in the
// state memory), the last effective address and its host offset, what an exit hands the block's
// exit tail (the next instruction address, instructions of this pass, a program-exception code
// and ILC), the absolute address of the last access, the slot of the block to chain to
// (-1: none), and a local never written, so zero (Wasm zero-initialises locals): a constant
// node costs Binaryen several times what a local.get does, and zero is the most common one (the
// base of every state-memory access).
export const L_BUDGET = 0;
export const L_DONE = 1;
export const L_GPR = 2;
export const L_CC_A = 18;
export const L_CC_B = 19;
export const L_CC_R = 20;
export const L_CC_OP = 21;
export const L_EA = 22;
export const L_HOST = 23;
export const L_X_IA = 24;
export const L_X_COUNT = 25;
export const L_X_CODE = 26;
export const L_X_ILC = 27;
export const L_ABS = 28;
export const L_X_SLOT = 29;
export const L_ZERO = 30;
/** The parameters (both i32). */
export const PARAMS = 2;
/** Types of locals 2 .. 30. */
export const FIXED_LOCALS = [...new Array<'i64'>(16).fill('i64'), 'i64', 'i64', 'i64', 'i32', 'i64', 'i32', 'i64', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'] as const;
