/**
 * The console's request bodies, read with a limit (../aws/body.ts) like every other body of the
 * Worker: the JSON the console's pages send to its API, and the sign-in and region forms, which
 * anyone may post, so they are read no further than a few short fields need.
 */
import { BodyTooLarge, readBody } from "../aws/body";
import { RequestEntityTooLargeException } from "../aws/errors";
import { MAX_FORM_BYTES, MAX_REQUEST_BYTES } from "../limits";
import type { ConsoleContext } from "./auth";

async function limited(c: ConsoleContext, limit: number): Promise<Uint8Array> {
  try {
    return await readBody(c.req.raw, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new RequestEntityTooLargeException("The request body is too large.");
    throw error;
  }
}

/** The body of an API call, as text. */
export async function readApiText(c: ConsoleContext): Promise<string> {
  return new TextDecoder().decode(await limited(c, MAX_REQUEST_BYTES));
}

/** A posted form's fields (urlencoded or multipart, as the browser sent it). */
export async function readForm(c: ConsoleContext): Promise<Record<string, string | File>> {
  const bytes = await limited(c, MAX_FORM_BYTES);
  const contentType = c.req.header("content-type") ?? "application/x-www-form-urlencoded";
  try {
    const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    return Object.fromEntries(form.entries());
  } catch {
    return {};
  }
}
