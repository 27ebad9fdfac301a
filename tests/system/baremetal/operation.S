/* Operation exception, suppressed, with the length the opcode's first two bits give:
 * STEP 0: opcode 0x00 (2 bytes), STEP 1: 0x52 (4 bytes), STEP 2: 0xff (6 bytes). */
#include "bm.h"
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	.globl	bad
bad:
#if STEP == 0
	.long	0x00000000
#elif STEP == 1
	.long	0x52000000
#else
	.short	0xff00, 0, 0
#endif
	.globl	after_bad
after_bad:
	j	after_bad
	wait_psw_data
