// Filled in by the agent-workspace and compliance work.
export {};
