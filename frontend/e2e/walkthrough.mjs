// Filled in by the walkthrough scenario task.
export const scenarios = [];
