/**
 * GetDataEndpoint: where a stream's media are written and read. AWS answers a host of its own per
 * stream and API; here every data-plane API is served by this same deployment, so the answer is
 * the origin the client addressed (`npm start`'s or a deployment's), to which clients append the
 * API's path (`<endpoint>/putMedia`, `<endpoint>/getHLSStreamingSessionURL`, ...).
 */
import { unwrap } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoRegistryFor } from "../../objects";
import { streamNotFound } from "../registry";
import type { GetDataEndpointInput, GetDataEndpointOutput } from "../shapes.generated";
import { streamRef } from "./refs";

export async function getDataEndpoint(input: GetDataEndpointInput, context: RestRequestContext): Promise<GetDataEndpointOutput> {
  const stream = unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
  if (stream.status !== "ACTIVE") throw streamNotFound();
  return { DataEndpoint: context.origin };
}
