/* Specification exceptions (suppressed): LPSWE of an operand not on a doubleword boundary
 * (STEP 1), DR with an odd R1 (STEP 2). */
#include "bm.h"
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	larl	%r1, wait_psw
	.globl	bad
bad:
#if STEP == 1
	lpswe	4(%r1)
#else
	.short	0x1d12		/* dr %r1,%r2: R1 must be even */
#endif
	.globl	after_bad
after_bad:
	j	after_bad
	wait_psw_data
