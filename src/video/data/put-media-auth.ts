/**
 * PutMedia's signature, as AWS's producer SDKs make it (producer-c's AwsV4Signer.c, CurlApiCallbacks.c): the
 * payload hash is that of the empty string (the body streams), and every header but content-type,
 * content-length, authorization and the session token is signed, including the hop-by-hop `connection:
 * keep-alive` and `transfer-encoding: chunked`. A proxy in front of the Worker (Cloudflare's, or `npm start`'s
 * front) may drop those before the Worker sees the request; a signed hop-by-hop header that did not arrive is
 * taken to have had the value the SDK sends, so its value is the one thing the signature cannot vouch for
 * (it describes the connection, not the request). Presigned PutMedia URLs (some Go producers) verify as any.
 */
import type { Authenticator } from "../../aws/rest-json";
import { keyPolicy, verifySigV4 } from "../../aws/sigv4";
import { isLocalRequest } from "../../local";

/** What the SDKs send for the hop-by-hop headers they sign. */
const SDK_HOP_BY_HOP: Readonly<Record<string, string>> = {
  connection: "keep-alive",
  "transfer-encoding": "chunked",
};

export const putMediaAuthenticator: Authenticator = ({ request, env, clock, signingName }) => {
  const headers = new Headers(request.headers);
  for (const name of signedHeaderNames(request)) {
    const assumed = SDK_HOP_BY_HOP[name];
    if (assumed !== undefined && !headers.has(name)) headers.set(name, assumed);
  }
  return verifySigV4(
    { method: request.method, url: request.url, headers, body: new Uint8Array() },
    keyPolicy(env.RIVULET_ACCESS_KEYS, isLocalRequest(env, request.url)),
    clock.now(),
    signingName,
  );
};

function signedHeaderNames(request: Request): string[] {
  const authorization = request.headers.get("authorization") ?? "";
  const fromHeader = /SignedHeaders=([^,\s]*)/.exec(authorization)?.[1];
  const fromQuery = new URL(request.url).searchParams.get("X-Amz-SignedHeaders");
  return (fromHeader ?? fromQuery ?? "").split(";").map((name) => name.trim().toLowerCase());
}
