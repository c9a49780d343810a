// bench/results/summary.md from the result files.
export async function writeSummary(): Promise<void> {}
