/* SIGP sense to CPU 1 (not there: cc 3) and to itself (cc 0), STAP, STIDP, then SIGP stop
 * to itself. RESULTS: IPM after each SIGP, +16: STAP, +24: STIDP. */
#include "bm.h"
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	lghi	%r2, -1
	lghi	%r3, 1
	sigp	%r2, %r3, 1		/* sense */
	ipm	%r4
	st	%r4, RESULTS
	lghi	%r3, 0
	sigp	%r2, %r3, 1
	ipm	%r4
	st	%r4, RESULTS + 4
	stap	RESULTS + 16
	stidp	RESULTS + 24
	lghi	%r3, 0
	sigp	%r2, %r3, 5		/* stop */
	.globl	after_stop
after_stop:
	larl	%r1, wait_psw
	lpswe	0(%r1)
	wait_psw_data
