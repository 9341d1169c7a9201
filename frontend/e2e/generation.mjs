// Filled in by the generation scenario task.
export const scenarios = [];
