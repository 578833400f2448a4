/**
 * The input shapes of Lambda's event source mapping API as Rivulet validates them: the model's
 * (./shapes.generated.ts, from botocore's lambda/2015-03-31), so constraint violations are reported
 * as Lambda's Coral front end does, with two of its patterns deliberately not applied:
 *
 * - FunctionName (NamespacedFunctionName): a mapping's function may be a Worker binding or a URL
 *   here, which the model's pattern for function names and ARNs refuses;
 * - DestinationConfig's Destination (DestinationArn): OnFailure may likewise name a binding or a URL
 *   (OnSuccess is refused by settings.ts, with Lambda's own message, whatever it names).
 *
 * ../functions/targets.ts checks both instead, with messages of its own. Members for other
 * sources are in the shapes but refused before validation (settings.ts).
 */
import type { InputShape, Shape, StringShape, StructureShape } from "../aws/validate";
import { LAMBDA_SHAPES } from "./shapes.generated";

/** `<structure>.<member>` of the members whose model pattern is not applied. */
const PATTERN_NOT_APPLIED = new Set([
  "CreateEventSourceMappingRequest.FunctionName",
  "UpdateEventSourceMappingRequest.FunctionName",
  "ListEventSourceMappingsRequest.FunctionName",
  "OnFailure.Destination",
  "OnSuccess.Destination",
]);

function withoutPattern(shape: StringShape): StringShape {
  const { pattern: _pattern, regex: _regex, ...rest } = shape;
  return rest;
}

/** `shape` with the patterns of PATTERN_NOT_APPLIED dropped; everything else is the model's. */
function relaxed<T>(shape: InputShape<T>): InputShape<T> {
  const seen = new Map<Shape, Shape>();
  const relax = (current: Shape): Shape => {
    const known = seen.get(current);
    if (known) return known;
    let result: Shape;
    switch (current.type) {
      case "structure":
        result = relaxStructure(current);
        break;
      case "list":
        result = { ...current, member: relax(current.member) };
        break;
      case "map":
        result = { ...current, value: relax(current.value) };
        break;
      default:
        result = current;
    }
    seen.set(current, result);
    return result;
  };
  const relaxStructure = (structure: StructureShape): StructureShape => ({
    ...structure,
    members: structure.members.map((member) => ({
      ...member,
      shape:
        member.shape.type === "string" && PATTERN_NOT_APPLIED.has(`${structure.name}.${member.name}`)
          ? withoutPattern(member.shape)
          : relax(member.shape),
    })),
  });
  return relaxStructure(shape);
}

export const CREATE_EVENT_SOURCE_MAPPING = relaxed(LAMBDA_SHAPES.operations.CreateEventSourceMapping);

/** Its UUID travels in the path: api.ts puts it into the input before validation, as REST-JSON binds it. */
export const UPDATE_EVENT_SOURCE_MAPPING = relaxed(LAMBDA_SHAPES.operations.UpdateEventSourceMapping);

/** Its members travel in the query string (each member's locationName). */
export const LIST_EVENT_SOURCE_MAPPINGS = relaxed(LAMBDA_SHAPES.operations.ListEventSourceMappings);
