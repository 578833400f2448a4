/** Every string shape with a pattern, of every model the generator reads (scripts/models/). */
import type { Shape, StringShape, StructureShape } from "../../../src/aws/validate";
import { KINESIS_ANALYTICS_SHAPES } from "../../../src/analytics/shapes-v1.generated";
import { KINESIS_ANALYTICS_V2_SHAPES } from "../../../src/analytics/shapes-v2.generated";
import { FIREHOSE_SHAPES } from "../../../src/firehose/shapes.generated";
import { KINESIS_SHAPES } from "../../../src/streams/shapes.generated";
import { LAMBDA_SHAPES } from "../../../src/triggers/shapes.generated";
import { KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES } from "../../../src/video/archived-media-shapes.generated";
import { KINESIS_VIDEO_MEDIA_SHAPES } from "../../../src/video/media-shapes.generated";
import { KINESIS_VIDEO_SHAPES } from "../../../src/video/shapes.generated";

const SERVICES: readonly { serviceId: string; operations: Readonly<Record<string, StructureShape>> }[] = [
  KINESIS_SHAPES,
  FIREHOSE_SHAPES,
  LAMBDA_SHAPES,
  KINESIS_ANALYTICS_SHAPES,
  KINESIS_ANALYTICS_V2_SHAPES,
  KINESIS_VIDEO_SHAPES,
  KINESIS_VIDEO_MEDIA_SHAPES,
  KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES,
];

export interface PatternedShape {
  /** Where it was found first, e.g. `Kinesis ListTagsForResource.ResourceARN`. */
  where: string;
  shape: StringShape & { pattern: string; regex: RegExp };
}

/** One entry per distinct pattern and bounds, named by the first member found with it. */
export function patternedShapes(): PatternedShape[] {
  const found = new Map<string, PatternedShape>();
  const seen = new Set<Shape>();
  const visit = (shape: Shape, where: string): void => {
    if (seen.has(shape)) return;
    seen.add(shape);
    switch (shape.type) {
      case "string":
        if (shape.pattern !== undefined && shape.regex !== undefined) {
          const key = `${shape.pattern}\u0000${shape.max ?? ""}`;
          if (!found.has(key)) found.set(key, { where, shape: { ...shape, pattern: shape.pattern, regex: shape.regex } });
        }
        return;
      case "list":
        return visit(shape.member, `${where}[]`);
      case "map":
        visit(shape.key, `${where}{key}`);
        return visit(shape.value, `${where}{}`);
      case "structure":
        for (const member of shape.members) visit(member.shape, `${where}.${member.name}`);
        return;
      default:
        return;
    }
  };
  for (const service of SERVICES) {
    for (const [operation, input] of Object.entries(service.operations)) visit(input, `${service.serviceId} ${operation}`);
  }
  return [...found.values()];
}
