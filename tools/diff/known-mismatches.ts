// Instructions whose per-instruction differential run still differs from qemu-s390x: open bugs,
// shown by tests/diff as todo, never as passes. Delete a line when its instruction matches.
// A state where QEMU departs from the Principles of Operation does not belong here: it gets a
// rule in deviations.ts, which holds ours to the architected result and counts the state.
export const KNOWN_MISMATCHES: ReadonlyMap<string, string> = new Map<string, string>([]);
