/**
 * A variable that maps names to names as a JSON object (RIVULET_BUCKETS: bucket to binding;
 * RIVULET_OPENSEARCH_DOMAINS: domain to URL or binding). Entries whose value is not a string are left
 * out; a value that is not a JSON object maps nothing, and says so in the log.
 */
export function nameMap(text: string | undefined, variable: string): Record<string, string> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    console.error(`${variable} is not a JSON object; ignoring it`);
    return {};
  }
}
