export async function writePlots(): Promise<void> {}
