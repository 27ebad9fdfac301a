/* Clock comparator: SCKC to now + DELTA, enabled wait; the external handler stores the TOD
 * at RESULTS+16 and ends in the disabled wait. RESULTS: TOD at the start, RESULTS+8: the
 * comparator value. */
#include "bm.h"
#define DELTA 0x100000			/* 256 microseconds (bit 51 is one microsecond) */
	.text
	.globl	_start
_start:
	set_new_psw LC_EXT_NEW, ext_psw
	larl	%r1, cr0
	lctlg	%c0, %c0, 0(%r1)	/* clock-comparator subclass mask, CR0 bit 52 */
	stck	RESULTS
	lg	%r2, RESULTS
	algfi	%r2, DELTA
	stg	%r2, RESULTS + 8
	sckc	RESULTS + 8
	larl	%r1, enabled_wait
	lpswe	0(%r1)
	.globl	handler
handler:
	stck	RESULTS + 16
	larl	%r1, wait_psw
	lpswe	0(%r1)
	wait_psw_data
ext_psw:
	.quad	0x0000000180000000, handler
enabled_wait:
	.quad	0x0102000180000000, 0x5000	/* external mask (bit 7), wait (bit 14) */
cr0:
	.quad	0x800
