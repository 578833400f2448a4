/**
 * The AWS JSON 1.1 protocol as a client meets it before any operation runs: methods, content types,
 * targets, bodies, authentication, and the shape of every answer.
 */
import { describe, expect, it } from "vitest";
import { decodeCbor } from "../../src/aws/cbor";
import {
  AMZ_JSON,
  call,
  expectError,
  ok,
  send,
  streamNotFound,
  TARGET_PREFIX,
  uniqueName,
  type ErrorBody,
  type ListStreamsOutput,
} from "./client";

const LIST_STREAMS = `${TARGET_PREFIX}.ListStreams`;

const ACCESS_DENIED_XML =
  "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n";

describe("protocol", () => {
  describe("answers", () => {
    it("answers a good request with 200, AWS JSON and request ids", async () => {
      const response = await send<ListStreamsOutput>({ target: LIST_STREAMS, body: "{}" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(AMZ_JSON);
      expect(response.body.HasMoreStreams).toBe(false);
      expect(Array.isArray(response.body.StreamNames)).toBe(true);
      // x-amz-id-2 is base64 of random bytes, as AWS sends it.
      const id2 = response.headers.get("x-amz-id-2") ?? "";
      expect(Uint8Array.fromBase64(id2).length).toBeGreaterThanOrEqual(48);
    });

    it("gives every answer its own request id", async () => {
      const first = await send({ target: LIST_STREAMS, body: "{}" });
      const second = await send({ target: LIST_STREAMS, body: "{}" });
      expect(first.headers.get("x-amzn-RequestId")).not.toBe(second.headers.get("x-amzn-RequestId"));
    });

    it("ignores the request path, as AWS does", async () => {
      const response = await send<ListStreamsOutput>({ target: LIST_STREAMS, body: "{}", path: "/some/other/path" });
      expect(response.status).toBe(200);
      expect(Array.isArray(response.body.StreamNames)).toBe(true);
    });

    it("ignores members it does not know", async () => {
      // An unknown member of any type is dropped; the known ones still count (Limit: 0 would be refused).
      const body = await ok<ListStreamsOutput>("ListStreams", { NotAMember: [1, { a: true }], Limit: 1 });
      expect(body.StreamNames.length).toBeLessThanOrEqual(1);
      expectError(
        await call("ListStreams", { NotAMember: "x", Limit: 0 }),
        "ValidationException",
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
    });
  });

  describe("methods and content types", () => {
    it("refuses a GET with AccessDeniedException as XML", async () => {
      const response = await send({ method: "GET", target: LIST_STREAMS });
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("text/xml");
      expect(response.text).toBe(ACCESS_DENIED_XML);
    });

    it("refuses a PUT with AccessDeniedException as XML", async () => {
      const response = await send({ method: "PUT", target: LIST_STREAMS, body: "{}" });
      expect(response.status).toBe(403);
      expect(response.text).toBe(ACCESS_DENIED_XML);
    });

    it("refuses a body without content type or target with AccessDeniedException", async () => {
      const response = await send({ target: null, contentType: null, body: "{}" });
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("text/xml");
      expect(response.text).toBe(ACCESS_DENIED_XML);
    });

    it("refuses the JSON 1.0 content type without a target with AccessDeniedException", async () => {
      const response = await send({ target: null, contentType: "application/x-amz-json-1.0", body: "{}" });
      expect(response.status).toBe(403);
      expect(response.text).toBe(ACCESS_DENIED_XML);
    });

    it("does not run an operation sent with a wrong content type", async () => {
      const name = uniqueName("content-type");
      const response = await send({
        target: `${TARGET_PREFIX}.CreateStream`,
        contentType: "text/plain",
        body: JSON.stringify({ StreamName: name, ShardCount: 1 }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.text).toContain("UnknownOperationException");
      expectError(await call("DescribeStream", { StreamName: name }), "ResourceNotFoundException", streamNotFound(name));
    });
  });

  describe("application/json, which AWS reads but serves nothing with", () => {
    const coral = (type: string) => ({ Output: { __type: `com.amazon.coral.service#${type}` }, Version: "1.0" });

    it("answers a JSON object with 404 UnknownOperationException in Coral's envelope, and runs nothing", async () => {
      const name = uniqueName("plain-json");
      for (const sign of [true, false]) {
        const response = await send({
          target: `${TARGET_PREFIX}.CreateStream`,
          contentType: "application/json",
          body: JSON.stringify({ StreamName: name, ShardCount: 1 }),
          sign,
        });
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toBe("application/json");
        expect(response.body).toEqual(coral("UnknownOperationException"));
      }
      expectError(await call("DescribeStream", { StreamName: name }), "ResourceNotFoundException", streamNotFound(name));
      // Whatever the target, and with parameters after the media type.
      for (const target of [null, `${TARGET_PREFIX}.NoSuchOperation`, "Firehose_20150804.ListDeliveryStreams"]) {
        const response = await send({ target, contentType: " application/json ; charset=utf-8", body: "{}", sign: false });
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: coral("UnknownOperationException") });
      }
    });

    it("answers what is not a JSON object with 400 SerializationException in Coral's envelope", async () => {
      for (const body of ["hello", "true", "null", '{"Limit": 1']) {
        const response = await send({ target: LIST_STREAMS, contentType: "application/json", body, sign: false });
        expect(response.status, body).toBe(400);
        expect(response.headers.get("content-type")).toBe("application/json");
        expect(response.body).toEqual(coral("SerializationException"));
      }
    });

    it("answers an empty body in CBOR, as it answers every empty body that does not come as JSON 1.1", async () => {
      const cases = [
        { target: LIST_STREAMS, contentType: "application/json", type: "SerializationException" },
        { target: null, contentType: "application/json", type: "UnknownOperationException" },
        { target: LIST_STREAMS, contentType: null, type: "SerializationException" },
        { target: null, contentType: "application/x-amz-json-1.0", type: "UnknownOperationException" },
      ];
      for (const { target, contentType, type } of cases) {
        const response = await send({ target, contentType, body: null });
        expect(response.status).toBe(400);
        expect(response.headers.get("content-type")).toBe("application/x-amz-cbor-1.1");
        expect(decodeCbor(response.bytes)).toEqual({ __type: type });
      }
    });
  });

  describe("operations without output", () => {
    it("answer 200 with an empty body, as AWS does", async () => {
      const name = uniqueName("no-output");
      const created = await send({ target: `${TARGET_PREFIX}.CreateStream`, body: JSON.stringify({ StreamName: name, ShardCount: 1 }) });
      expect(created.status).toBe(200);
      expect(created.headers.get("content-type")).toBe(AMZ_JSON);
      expect(created.text).toBe("");
      const deleted = await send({ target: `${TARGET_PREFIX}.DeleteStream`, body: JSON.stringify({ StreamName: name }) });
      expect({ status: deleted.status, text: deleted.text }).toEqual({ status: 200, text: "" });
    });
  });

  describe("targets", () => {
    it("answers UnknownOperationException for an operation Kinesis does not have", async () => {
      expectError(await send({ target: `${TARGET_PREFIX}.ListStream`, body: "{}" }), "UnknownOperationException");
    });

    it("answers UnknownOperationException for another service's target", async () => {
      expectError(await send({ target: "DynamoDB_20120810.ListTables", body: "{}" }), "UnknownOperationException");
    });

    it("answers UnknownOperationException for a JSON request without target", async () => {
      expectError(await send({ target: null, body: "{}" }), "UnknownOperationException");
    });

    it("answers UnknownOperationException for an empty body without target", async () => {
      expectError(await send({ target: null, body: null }), "UnknownOperationException");
    });

    it("matches operation names exactly", async () => {
      expectError(await send({ target: `${TARGET_PREFIX}.liststreams`, body: "{}" }), "UnknownOperationException");
      expectError(await send({ target: `${TARGET_PREFIX}.toString`, body: "{}" }), "UnknownOperationException");
    });
  });

  describe("bodies", () => {
    it("answers SerializationException for an empty body", async () => {
      expectError(await send({ target: LIST_STREAMS, body: null }), "SerializationException");
    });

    it("answers SerializationException for an empty body before looking at the signature", async () => {
      expectError(await send({ target: LIST_STREAMS, body: null, sign: false }), "SerializationException");
    });

    it("answers SerializationException for a body that is not JSON", async () => {
      expectError(await send({ target: LIST_STREAMS, body: "hello" }), "SerializationException");
      expectError(await send({ target: LIST_STREAMS, body: '{"Limit": 1' }), "SerializationException");
    });

    it("answers SerializationException for a non-JSON body before looking at the signature", async () => {
      expectError(await send({ target: LIST_STREAMS, body: "hello", sign: false }), "SerializationException");
    });

    it("answers SerializationException for JSON that is not an object", async () => {
      expectError(await send({ target: LIST_STREAMS, body: '"hello"' }), "SerializationException");
      expectError(await send({ target: LIST_STREAMS, body: "5" }), "SerializationException");
      expectError(await send({ target: LIST_STREAMS, body: "null" }), "SerializationException");
    });

    it("refuses a body larger than it reads with 413", async () => {
      const body = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20);
      const response = await send({ target: LIST_STREAMS, body });
      expect(response.status).toBe(413);
      expect((response.body as ErrorBody).__type).toBe("RequestEntityTooLargeException");
    });
  });

  describe("authentication", () => {
    it("answers MissingAuthenticationTokenException without Authorization", async () => {
      expectError(await send({ target: LIST_STREAMS, body: "{}", sign: false }), "MissingAuthenticationTokenException", "Missing Authentication Token");
    });

    it("answers IncompleteSignatureException for a malformed Authorization", async () => {
      const response = await send({ target: LIST_STREAMS, body: "{}", sign: false, headers: { authorization: "X" } });
      expectError(
        response,
        "IncompleteSignatureException",
        "Authorization header requires 'Credential' parameter. " +
          "Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. " +
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
          "Authorization=X",
      );
    });

    it("answers InvalidSignatureException for a credential scoped to another service", async () => {
      const response = await send({ target: LIST_STREAMS, body: "{}", service: "dynamodb" });
      expectError(response, "InvalidSignatureException", "Credential should be scoped to correct service: 'kinesis'.");
    });

    it("answers InvalidSignatureException for a request signed too long ago", async () => {
      const response = await send({ target: LIST_STREAMS, body: "{}", date: new Date(Date.now() - 20 * 60 * 1000) });
      expectError(
        response,
        "InvalidSignatureException",
        /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
      );
    });

    it("does not let a request with a bad signature change anything", async () => {
      const name = uniqueName("unsigned");
      const response = await send({
        target: `${TARGET_PREFIX}.CreateStream`,
        body: JSON.stringify({ StreamName: name, ShardCount: 1 }),
        sign: false,
      });
      expectError(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
      expectError(await call("DescribeStream", { StreamName: name }), "ResourceNotFoundException", streamNotFound(name));
    });

    it("checks the signature before validating the input", async () => {
      const response = await send({ target: `${TARGET_PREFIX}.CreateStream`, body: "{}", sign: false });
      expectError(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
    });

    it("acts in the region of the credential scope", async () => {
      const name = uniqueName("regional");
      const create = await send({
        target: `${TARGET_PREFIX}.CreateStream`,
        body: JSON.stringify({ StreamName: name, ShardCount: 1 }),
        region: "eu-west-1",
      });
      expect(create.status).toBe(200);
      const elsewhere = await send<ErrorBody>({ target: `${TARGET_PREFIX}.DescribeStream`, body: JSON.stringify({ StreamName: name }) });
      expectError(elsewhere, "ResourceNotFoundException", streamNotFound(name));
      const there = await send<{ StreamDescription: { StreamARN: string } }>({
        target: `${TARGET_PREFIX}.DescribeStream`,
        body: JSON.stringify({ StreamName: name }),
        region: "eu-west-1",
      });
      expect(there.status).toBe(200);
      expect(there.body.StreamDescription.StreamARN).toBe(`arn:aws:kinesis:eu-west-1:000000000000:stream/${name}`);
    });
  });
});
