// Types for the tests that check the generator's linear-time forms (./linear-patterns.mjs).
export const LINEAR_FORMS: Readonly<Record<string, string>>;
