/* Operands reached through one base register in a loop that runs compiled, where compiled code
 * reuses a translation within a page: logical 0x100000 maps to 0x30000 and 0x101000 to 0x32000
 * (not the absolute page after it). 0xff8(r3) and 0x1000(r3) lie in different pages, so the
 * second must not be found next to the first (0x31000 holds a decoy); and after LA moves r3,
 * 0(r3) is a new address though its displacement is the same. Four passes add up
 * 0xff8(r3) in r7, 0x1000(r3) in r8 and 8(0x100000), reached after the LA, in r9. */
#include "bm.h"
#define DATA     0x30000
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	larl	%r1, magic
	lgfi	%r4, DATA + 0xff8
	mvc	0(16,%r4), 0(%r1)	/* 1 at 0x30ff8, the decoy 100 at 0x31000 */
	lgfi	%r4, DATA + 0x2000
	mvc	0(8,%r4), 16(%r1)	/* 10000 at 0x32000 */
	lgfi	%r4, DATA
	mvc	0(16,%r4), 24(%r1)	/* 5 at 0x30000, 7 at 0x30008 */
	dat_tables
	lgfi	%r2, PT1
	lgfi	%r5, DATA
	stg	%r5, 0(%r2)
	lgfi	%r5, DATA + 0x2000
	stg	%r5, 8(%r2)
	dat_on
	lghi	%r7, 0
	lghi	%r8, 0
	lghi	%r9, 0
	lghi	%r5, 4
1:	lgfi	%r3, 0x100000
	lg	%r2, 0xff8(%r3)
	agr	%r7, %r2
	lg	%r2, 0x1000(%r3)
	agr	%r8, %r2
	lg	%r2, 0(%r3)
	la	%r3, 8(%r3)
	lg	%r2, 0(%r3)
	agr	%r9, %r2
	brct	%r5, 1b
	stg	%r7, RESULTS
	stg	%r8, RESULTS + 8
	stg	%r9, RESULTS + 16
	larl	%r1, wait_psw
	lpswe	0(%r1)
	wait_psw_data
magic:
	.quad	1, 100, 10000, 5, 7
