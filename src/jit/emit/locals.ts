// Wasm local indexes every block function shares. Parameter 0 is the instruction budget; then
// the count of instructions completed in earlier passes of a self-loop, the 16 GPRs (i64), the
// lazy CC's inputs (i64) and value (i32), the last effective address and its host offset.
export const L_BUDGET = 0;
export const L_DONE = 1;
export const L_GPR = 2;
export const L_CC_A = 18;
export const L_CC_B = 19;
export const L_CC_R = 20;
export const L_CC_V = 21;
export const L_EA = 22;
export const L_HOST = 23;
