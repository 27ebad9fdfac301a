/* Stores over code that has run: XC clears the bytes of a subroutine called before it (a
 * store that invalidates a block), then IPM reads the CC the XC set (0), not the one before it
 * (CHI's 1); the subroutine is then rewritten by MVC from a copy and called again. Last, a loop
 * rewrites the immediate of the subroutine's AHI with STH before each call (1, 2, 3, 4), so r2
 * sums to 10 only if every rewrite is seen. Then MVI rewrites the immediate of the LHI right
 * after it, in the same straight run and on its first pass: r7 is 9 only if that run stops at
 * the store. */
#include "bm.h"
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	lhi	%r2, 5
	brasl	%r14, sub
	larl	%r1, sub
	chi	%r2, 7
	xc	0(16,%r1), 0(%r1)
	ipm	%r3
	st	%r3, RESULTS
	larl	%r4, sub_copy
	mvc	0(16,%r1), 0(%r4)
	brasl	%r14, sub
	st	%r2, RESULTS+4
	lhi	%r2, 0
	lhi	%r5, 4
	lhi	%r6, 1
1:	sth	%r6, 2(%r1)
	brasl	%r14, sub
	ahi	%r6, 1
	brct	%r5, 1b
	st	%r2, RESULTS+8
	larl	%r1, 2f
	mvi	3(%r1), 9
2:	lhi	%r7, 1
	st	%r7, RESULTS+12
	lpswe	wait_psw
	wait_psw_data
	.balign	16
	.globl	sub
sub:
	ahi	%r2, 1
	br	%r14
	.balign	16
sub_copy:
	ahi	%r2, 1
	br	%r14
	.balign	16
