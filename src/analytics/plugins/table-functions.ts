/**
 * AWS's analytic table functions (src/analytics/functions/) as the engine's table plug-ins:
 *   RANDOM_CUT_FOREST(CURSOR(...) [, numberOfTrees, subSampleSize, timeDecay, shingleSize])
 *   RANDOM_CUT_FOREST_WITH_EXPLANATION(CURSOR(...) [, ..., shingleSize, withDirectionality])
 *   HOTSPOTS(CURSOR(...), windowSize, scanRadius, minimumNumberOfPointsInAHotspot)
 *   TOP_K_ITEMS_TUMBLING(CURSOR(...), 'columnName', K, windowSize)
 *   COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(...), 'columnName', windowSize)
 * Output columns as the SQL Reference gives them: the cursor's columns followed by ANOMALY_SCORE
 * (DOUBLE) [and ANOMALY_EXPLANATION], or HOTSPOTS_RESULT; the named column and
 * MOST_FREQUENT_VALUES (BIGINT); NUMBER_OF_DISTINCT_ITEMS (BIGINT).
 *
 * Trailing parameters of the forest may be left out (AWS's defaults apply), as the Developer Guide's
 * examples do. Deliberate choices: the type of ANOMALY_EXPLANATION and HOTSPOTS_RESULT is
 * VARCHAR(20480) and VARCHAR(10000) (the guide declares HOTSPOTS_RESULT so); an ARRAY/ROW item is
 * counted by its JSON text.
 */
import {
  AnomalyDetector,
  CountDistinctItemsTumbling,
  HotspotDetector,
  TopKItemsTumbling,
  type AnomalyDetectorSnapshot,
  type CountDistinctSnapshot,
  type HotspotSnapshot,
  type ItemValue,
  type RandomCutForestFunctionName,
  type TopKSnapshot,
} from "../functions";
import { SqlTypes, type ColumnDescriptor, type SqlValue, type TableFunction } from "../sql";
import { binding, booleanArgument, checkArgumentCount, columnIndex, fromJson, numberArgument, numericColumns, stringArgument, toJson } from "./arguments";

/** Picks the numeric columns of a row into `into` (null for anything that is not a number). */
function pick(values: readonly SqlValue[], columns: readonly number[], into: (number | null)[]): (number | null)[] {
  for (let i = 0; i < columns.length; i++) {
    const v = values[columns[i] ?? 0];
    into[i] = typeof v === "number" ? v : null;
  }
  return into;
}

function randomCutForest(name: RandomCutForestFunctionName): TableFunction {
  const explained = name === "RANDOM_CUT_FOREST_WITH_EXPLANATION";
  return {
    name,
    bind(input, args) {
      checkArgumentCount(name, args, explained ? 5 : 4);
      const numeric = numericColumns(input);
      const options = {
        functionName: name,
        columns: numeric.map((i) => input[i]?.name ?? ""),
        numberOfTrees: numberArgument(name, "numberOfTrees", args, 0, 100),
        subSampleSize: numberArgument(name, "subSampleSize", args, 1, 256),
        timeDecay: numberArgument(name, "timeDecay", args, 2, 100_000),
        shingleSize: numberArgument(name, "shingleSize", args, 3, 1),
        withDirectionality: explained ? booleanArgument(name, "withDirectionality", args, 4, false) : false,
      };
      binding(() => AnomalyDetector.create(options));
      const columns: ColumnDescriptor[] = [...input, { name: "ANOMALY_SCORE", type: SqlTypes.double }];
      if (explained) columns.push({ name: "ANOMALY_EXPLANATION", type: SqlTypes.varchar(20480) });
      return {
        columns,
        create(emit) {
          let detector = AnomalyDetector.create(options);
          const scratch: (number | null)[] = [];
          return {
            push(rowtime, values) {
              const result = detector.process(pick(values, numeric, scratch));
              values.push(result.ANOMALY_SCORE);
              if (explained) values.push(result.ANOMALY_EXPLANATION ?? null);
              emit(rowtime, values);
            },
            advance() {},
            snapshot: () => toJson(detector.snapshot()),
            restore(state) {
              detector = AnomalyDetector.restore(fromJson<AnomalyDetectorSnapshot>(name, state));
            },
          };
        },
      };
    },
  };
}

const hotspots: TableFunction = {
  name: "HOTSPOTS",
  bind(input, args) {
    const name = "HOTSPOTS";
    checkArgumentCount(name, args, 3);
    const numeric = numericColumns(input);
    const options = {
      columns: numeric.map((i) => input[i]?.name ?? ""),
      windowSize: numberArgument(name, "windowSize", args, 0),
      scanRadius: numberArgument(name, "scanRadius", args, 1),
      minimumNumberOfPointsInAHotspot: numberArgument(name, "minimumNumberOfPointsInAHotspot", args, 2),
    };
    binding(() => HotspotDetector.create(options));
    return {
      columns: [...input, { name: "HOTSPOTS_RESULT", type: SqlTypes.varchar(10000) }],
      create(emit) {
        let detector = HotspotDetector.create(options);
        const scratch: (number | null)[] = [];
        return {
          push(rowtime, values) {
            values.push(detector.process(pick(values, numeric, scratch)).HOTSPOTS_RESULT);
            emit(rowtime, values);
          },
          advance() {},
          snapshot: () => toJson(detector.snapshot()),
          restore(state) {
            detector = HotspotDetector.restore(fromJson<HotspotSnapshot>(name, state));
          },
        };
      },
    };
  },
};

/** An engine value as the item counters take it. */
function item(value: SqlValue | undefined): ItemValue {
  if (value === undefined) return null;
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

/** A counted item back as an engine value (the counters never see bigints from the engine). */
function sqlValue(value: ItemValue): SqlValue {
  return typeof value === "bigint" ? Number(value) : value;
}

const topK: TableFunction = {
  name: "TOP_K_ITEMS_TUMBLING",
  bind(input, args) {
    const name = "TOP_K_ITEMS_TUMBLING";
    checkArgumentCount(name, args, 3);
    const column = stringArgument(name, "columnName", args, 0);
    const index = columnIndex(name, input, column);
    const options = { column, k: numberArgument(name, "K", args, 1), windowSize: numberArgument(name, "windowSize", args, 2) };
    binding(() => TopKItemsTumbling.create(options));
    const described = input[index] ?? { name: column, type: SqlTypes.varchar() };
    return {
      columns: [described, { name: "MOST_FREQUENT_VALUES", type: SqlTypes.bigint }],
      create(emit) {
        let counter = TopKItemsTumbling.create(options);
        const send = (rows: readonly { rowtime: number; value: ItemValue; count: number }[]): void => {
          for (const row of rows) emit(row.rowtime, [sqlValue(row.value), row.count]);
        };
        return {
          push: (rowtime, values) => send(counter.add(item(values[index]), rowtime)),
          advance: (time) => send(counter.advance(time)),
          snapshot: () => toJson(counter.snapshot()),
          restore(state) {
            counter = TopKItemsTumbling.restore(fromJson<TopKSnapshot>(name, state));
          },
        };
      },
    };
  },
};

const countDistinct: TableFunction = {
  name: "COUNT_DISTINCT_ITEMS_TUMBLING",
  bind(input, args) {
    const name = "COUNT_DISTINCT_ITEMS_TUMBLING";
    checkArgumentCount(name, args, 2);
    const column = stringArgument(name, "columnName", args, 0);
    const index = columnIndex(name, input, column);
    const options = { column, windowSize: numberArgument(name, "windowSize", args, 1) };
    binding(() => CountDistinctItemsTumbling.create(options));
    return {
      columns: [{ name: "NUMBER_OF_DISTINCT_ITEMS", type: SqlTypes.bigint }],
      create(emit) {
        let counter = CountDistinctItemsTumbling.create(options);
        const send = (rows: readonly { rowtime: number; count: number }[]): void => {
          for (const row of rows) emit(row.rowtime, [row.count]);
        };
        return {
          push: (rowtime, values) => send(counter.add(item(values[index]), rowtime)),
          advance: (time) => send(counter.advance(time)),
          snapshot: () => toJson(counter.snapshot()),
          restore(state) {
            counter = CountDistinctItemsTumbling.restore(fromJson<CountDistinctSnapshot>(name, state));
          },
        };
      },
    };
  },
};

export const tableFunctions: readonly TableFunction[] = [
  randomCutForest("RANDOM_CUT_FOREST"),
  randomCutForest("RANDOM_CUT_FOREST_WITH_EXPLANATION"),
  hotspots,
  topK,
  countDistinct,
];
