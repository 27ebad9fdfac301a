/* DAT with a segment-table ASCE: segment 0 (0-1 MiB) maps to itself, segment 1 maps
 *   0x100000 -> real 0x30000 (a data page), 0x101000 invalid, 0x102000 -> 0x31000 protected.
 * STEP 1: read 0x100000 and store the doubleword at RESULTS (identity-mapped).
 * STEP 2: load from 0x101000: page translation (nullified).
 * STEP 3: read 0x102000 into RESULTS+8, then store into it: protection (suppressed).
 * STEP 4: load from 0x200000 (segment 2 is invalid): segment translation (nullified).
 * STEP 5: a loop that turns DAT off and on (STNSM, STOSM) around loads from 0x100000 through
 *   one base register, as Linux does around LRA and STURG: real 0x100000 holds the third
 *   quadword of magic, virtual 0x100000 the first; RESULTS = the sum of both over 3 passes.
 * STEP 6: call code at virtual 0x100800 (real 0x30800) that turns DAT off: its next instruction
 *   comes from real 0x100804, which loads 2 into RESULTS where the code it was compiled with
 *   would load 1. */
#include "bm.h"
#define DATA     0x30000
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	/* the data pages */
	larl	%r1, magic
	lgfi	%r4, DATA
	mvc	0(8,%r4), 0(%r1)
	lgfi	%r4, DATA + 0x1000
	mvc	0(8,%r4), 8(%r1)
	/* the tables (bm.h), then PT1's pages 0 and 2 */
	dat_tables
	lgfi	%r2, PT1
	lgfi	%r5, DATA
	stg	%r5, 0(%r2)
	lgfi	%r5, DATA + 0x1000 + 0x200	/* page protection bit */
	stg	%r5, 16(%r2)
#if STEP == 5
	lgfi	%r4, 0x100000
	mvc	0(8,%r4), 16(%r1)
#elif STEP == 6
	larl	%r1, virtual_code
	lgfi	%r4, DATA + 0x800
	mvc	0(12,%r4), 0(%r1)
	larl	%r1, real_code
	lgfi	%r4, 0x100800
	mvc	0(12,%r4), 0(%r1)
#endif
	dat_on
	lgfi	%r3, 0x100000
	lgfi	%r6, 0x102000
#if STEP == 1
	lg	%r2, 0(%r3)
	stg	%r2, RESULTS
#elif STEP == 2
	.globl	fault
fault:
	lg	%r2, 0x1000(%r3)
#elif STEP == 4
	lgfi	%r3, 0x200000
	.globl	fault
fault:
	lg	%r2, 0x10(%r3)
#elif STEP == 5
	lghi	%r7, 0
	lghi	%r8, 3
.Lpass:
	stnsm	RESULTS + 0x108, 0xfb	/* DAT off */
	ag	%r7, 0(%r3)
	stosm	RESULTS + 0x108, 0x04	/* DAT on */
	ag	%r7, 0(%r3)
	brctg	%r8, .Lpass
	stg	%r7, RESULTS
#elif STEP == 6
	lgfi	%r5, 0x100800
	basr	%r14, %r5
	stg	%r2, RESULTS
#else
	lg	%r2, 0x2000(%r3)
	stg	%r2, RESULTS + 8
	.globl	fault
fault:
	mvi	0(%r6), 0x55
#endif
	.globl	after_fault
after_fault:
	larl	%r1, wait_psw
	lpswe	0(%r1)
	wait_psw_data
magic:
	.quad	0x0123456789abcdef, 0xfedcba9876543210, 0x1111222233334444
virtual_code:
	stnsm	RESULTS + 0x108, 0xfb	/* DAT off */
	lghi	%r2, 1
	br	%r14
	.short	0
real_code:
	.long	0
	lghi	%r2, 2
	br	%r14
	.short	0
