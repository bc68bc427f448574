// Filled in by the foundation work: creates a fresh migrated template database per run.
export default async function setup() {}
