// Equivalent forms of the models' patterns that backtrack catastrophically, for scripts/gen-shapes.mjs.

/**
 * AWS's pattern (as the model writes it, and as error messages print it) -> a pattern that accepts
 * exactly the same strings and that a backtracking engine (V8's, Java's) matches in linear time.
 * The originals chain unbounded `.*` through literals (`arn:aws.*:kinesis:.*:\d{12}:stream/\S+`), so
 * a failing input is tried at every split: O(n³) and worse, 18.7 s for a 12 KB ARN.
 *
 * Each form commits to one split instead, with `(?=(X))\N`, an atomic group (a lookahead is never
 * re-entered, and the back-reference matches one way): the earliest occurrence of a literal where
 * what follows it is only `.*` then more (the earliest leaves the most room for the rest), the last
 * occurrence where what follows must reach the end without the literal's characters (an earlier
 * one would have the later one in its tail, which then cannot match). Every other part of a pattern
 * is kept as it was. test/unit/patterns/ checks each form against its original on generated strings
 * and every pattern of every model for linear time.
 */
export const LINEAR_FORMS = {
  // Kinesis StreamARN: the earliest ":kinesis:", then the last ":<12 digits>:stream/" that a
  // non-space follows (if anything after it is a space, so it is after every earlier one).
  "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+": "arn:aws(?=(.*?:kinesis:))\\1(?=(.*:\\d{12}:stream/(?=\\S)))\\2\\S*",
  // Kinesis ResourceARN (streams and consumers): the earliest ":kinesis:", the earliest
  // ":<12 digits>:" after it, then the last "stream/" that a non-space follows.
  "arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+":
    "arn:aws(?=(.*?:kinesis:))\\1(?=(.*?:\\d{12}:))\\2(?=(.*stream/(?=\\S)))\\3\\S*",
  // Kinesis ConsumerARN: as ResourceARN, then the last "stream/<name>/consumer/" (names hold no "/").
  "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+":
    "^arn:aws(?=(.*?:kinesis:))\\1(?=(.*?:\\d{12}:))\\2(?=(.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/))\\3[a-zA-Z0-9_.-]+:[0-9]+",
  // Firehose (Iceberg) CatalogARN: the earliest ":glue:", then the last ":<12 digits>:catalog" (what
  // may follow it holds no ":").
  "arn:.*:glue:.*:\\d{12}:catalog(?:(/[a-z0-9_-]+){1,2})?":
    "arn:(?=(.*?:glue:))\\1(?=(.*:\\d{12}:catalog))\\2(?:(/[a-z0-9_-]+){1,2})?",
  // Firehose ClusterJDBCURL: the earliest "redshift." (or "redshift-serverless.") label after at least
  // one label; the host part after it only needs host characters, which the later labels are.
  "jdbc:(redshift|postgresql)://((?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+(redshift(-serverless)?)\\.([a-zA-Z0-9\\.\\-]+):\\d{1,5}/[a-zA-Z0-9_$-]+":
    "jdbc:(?:redshift|postgresql)://(?=((?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+?redshift(?:-serverless)?\\.))\\1[a-zA-Z0-9\\.\\-]+:\\d{1,5}/[a-zA-Z0-9_$-]+",
};
