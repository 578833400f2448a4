// Types for the tests that compare the generator's translations (./java-regex.mjs).
export function javaRegexToJs(pattern: string): string;
