/**
 * DeleteObject and DeleteObjects. Buckets are unversioned: a delete removes the object, answers
 * the same whether or not it existed (204; a key in DeleteObjects' <Deleted>), and a VersionId
 * other than "null" names a version that does not exist. DeleteObjects takes S3's XML batch (at
 * most 1,000 keys, Content-MD5 or an x-amz-checksum-* required), deletes in one R2 call, and in
 * Quiet mode answers only the keys that failed.
 */
import { S3 } from "../limits";
import { readXmlBody } from "./body";
import { emptyAnswer, xmlAnswer, type ObjectCall, type S3Call } from "./call";
import { CHECKSUM_ALGORITHMS, checksumHeader } from "./checksums";
import { invalidRequest, malformedXml } from "./errors";
import { checkKey } from "./metadata";
import { IncomingBody } from "./payload";
import { xmlElement, xmlParent } from "./xml";
import { childNamed, parseXml } from "./xml-read";

export async function deleteObject(call: ObjectCall): Promise<Response> {
  checkKey(call.key);
  await call.bucket.delete(call.key);
  return emptyAnswer(call, 204);
}

interface DeleteEntry {
  key: string;
  versionId: string | undefined;
}

type Outcome = { entry: DeleteEntry; error?: { code: string; message: string } };

export async function deleteObjects(call: S3Call): Promise<Response> {
  const headers = call.request.headers;
  if (!headers.has("content-md5") && !CHECKSUM_ALGORITHMS.some((algorithm) => headers.has(checksumHeader(algorithm)))) {
    throw invalidRequest("Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
  }
  const { quiet, entries } = parseDelete(await readXmlBody(new IncomingBody(call.request, call.signing)));
  const outcomes: Outcome[] = [];
  const deletable: DeleteEntry[] = [];
  for (const entry of entries) {
    if (entry.versionId !== undefined && entry.versionId !== "null") {
      outcomes.push({ entry, error: { code: "NoSuchVersion", message: "The specified version does not exist." } });
    } else if (new TextEncoder().encode(entry.key).byteLength > S3.maxKeyBytes) {
      outcomes.push({ entry, error: { code: "KeyTooLongError", message: "Your key is too long" } });
    } else deletable.push(entry);
  }
  try {
    if (deletable.length > 0) await call.bucket.delete(deletable.map((entry) => entry.key));
    outcomes.push(...deletable.map((entry) => ({ entry })));
  } catch (error) {
    console.error("DeleteObjects: R2 refused the batch", error);
    const failure = { code: "InternalError", message: "We encountered an internal error. Please try again." };
    outcomes.push(...deletable.map((entry) => ({ entry, error: failure })));
  }
  const order = new Map(entries.map((entry, i) => [entry, i]));
  outcomes.sort((a, b) => (order.get(a.entry) ?? 0) - (order.get(b.entry) ?? 0));
  const children = outcomes
    .filter((outcome) => outcome.error !== undefined || !quiet)
    .map(({ entry, error }) => {
      const version = entry.versionId !== undefined ? xmlElement("VersionId", entry.versionId) : "";
      if (!error) return xmlParent("Deleted", xmlElement("Key", entry.key) + version);
      return xmlParent("Error", xmlElement("Key", entry.key) + version + xmlElement("Code", error.code) + xmlElement("Message", error.message));
    })
    .join("");
  return xmlAnswer(call, "DeleteResult", children);
}

function parseDelete(text: string): { quiet: boolean; entries: DeleteEntry[] } {
  const root = parseXml(text);
  if (root.name !== "Delete") throw malformedXml();
  const quietText = childNamed(root, "Quiet")?.text.trim();
  if (quietText !== undefined && quietText !== "true" && quietText !== "false") throw malformedXml();
  const entries = root.children
    .filter((child) => child.name === "Object")
    .map((object) => {
      const key = childNamed(object, "Key");
      if (!key) throw malformedXml();
      return { key: key.text, versionId: childNamed(object, "VersionId")?.text.trim() };
    });
  if (entries.length === 0 || entries.length > S3.maxDeleteKeys) throw malformedXml();
  return { quiet: quietText === "true", entries };
}
