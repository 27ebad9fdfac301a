/* Privileged operation: SSM in the problem state (PSW bit 15) is suppressed with code 0x0002. */
#include "bm.h"
	.text
	.globl	_start
_start:
	set_new_psw LC_PGM_NEW, wait_psw
	larl	%r1, problem_psw
	lpswe	0(%r1)
	.globl	problem
problem:
	ssm	0(%r1)
	.globl	after_ssm
after_ssm:
	j	after_ssm
	wait_psw_data
	.balign	8
problem_psw:
	.quad	0x0001000180000000, problem
