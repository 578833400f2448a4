/**
 * GetImages: decoding frames to images is the next piece of work (issue 14, on top of the stored fragments);
 * until it is served, the operation is refused in AWS's words for an argument it cannot act on.
 */
import { InvalidArgumentException } from "../../aws/errors";
import type { GetImagesInput, GetImagesOutput } from "../archived-media-shapes.generated";

export async function getImages(_input: GetImagesInput): Promise<GetImagesOutput> {
  throw new InvalidArgumentException("GetImages is not served by this deployment yet.");
}
