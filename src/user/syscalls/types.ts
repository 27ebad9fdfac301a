// The shape of a system call implementation: it reads its arguments (r2-r7, already converted
// to signed JS numbers) and returns the value for r2, a negative errno on failure.
import type { UserProcess } from '../process.js';
import type { SyscallName } from '../syscall-names.js';

export type SyscallHandler = (p: UserProcess, a: readonly number[]) => number;

export type SyscallTable = Partial<Record<SyscallName, SyscallHandler>>;
