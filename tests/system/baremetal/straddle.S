/* An instruction that runs from one page into the next under DAT, the next page remapped while
 * the code that holds it is compiled: LGFI at 0x100ffc takes the low half of its immediate from
 * the page at 0x101000, which maps first to a frame holding 0x5678, then to one holding 0x9abc.
 * Segment 0 (0-1 MiB) maps to itself; segment 1's pages 0 and 1 map to frames A and B1, then B2.
 * RESULTS: the LGFI's value before the remap, then after it. */
#include "bm.h"
#define FRAME_A  0x32000
#define FRAME_B1 0x33000
#define FRAME_B2 0x34000
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	/* lgfi %r2,0x1234xxxx at the end of frame A; its last two bytes and br %r14 in B1, B2 */
	larl	%r1, code
	lgfi	%r4, FRAME_A + 0xffc
	mvc	0(4,%r4), 0(%r1)
	lgfi	%r4, FRAME_B1
	mvc	0(4,%r4), 4(%r1)
	lgfi	%r4, FRAME_B2
	mvc	0(4,%r4), 8(%r1)
	/* the tables (bm.h), then PT1's pages 0 and 1 */
	dat_tables
	lgfi	%r2, PT1
	lgfi	%r5, FRAME_A
	stg	%r5, 0(%r2)
	lgfi	%r5, FRAME_B1
	stg	%r5, 8(%r2)
	dat_on
	/* three calls through the first mapping, so the code is hot */
	lgfi	%r7, 0x100ffc
	lghi	%r3, 3
4:	basr	%r14, %r7
	brctg	%r3, 4b
	st	%r2, RESULTS
	/* remap page 1 to B2, purge the TLB, run its br first (the fetch TLB then holds the new
	 * mapping), then call the straddling LGFI three times again */
	lgfi	%r5, FRAME_B2
	stg	%r5, PT1 + 8
	ptlb
	lgfi	%r8, 0x101002
	basr	%r14, %r8
	lghi	%r3, 3
5:	basr	%r14, %r7
	brctg	%r3, 5b
	st	%r2, RESULTS + 4
	larl	%r1, wait_psw
	lpswe	0(%r1)
	wait_psw_data
code:
	.byte	0xc0, 0x21, 0x12, 0x34		/* lgfi %r2, 0x1234.... */
	.byte	0x56, 0x78, 0x07, 0xfe		/* ....5678; br %r14 */
	.byte	0x9a, 0xbc, 0x07, 0xfe		/* ....9abc; br %r14 */
