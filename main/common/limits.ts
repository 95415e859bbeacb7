/**
 * The playground's limits, defined once: main refuses what exceeds them, the
 * renderer's controls stop at them, the draft is checked against them.
 * (Parameter ranges come from the engine's own table: `paramRanges()`.)
 */

/** Columns in one run. */
export const MAX_COLUMNS = 8

/** Iterations of one Run ×N: enough for a p99 (which needs 100 samples). */
export const MAX_REPEAT = 100
