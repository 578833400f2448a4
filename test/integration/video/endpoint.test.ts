/**
 * GetDataEndpoint: every APIName answers the origin the client addressed (this deployment serves
 * the data plane itself), for ACTIVE streams only; and the contract's resolve, through which the
 * data plane finds a stream.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { VIDEO_CONTROL } from "../../../src/limits";
import {
  createActiveVideoStream,
  expectVideoFailure,
  expectVideoValidation,
  NOT_FOUND,
  registryClock,
  uniqueName,
  useVideoClock,
  video,
  videoOk,
  videoRegistryStub,
} from "./helpers";

beforeEach(useVideoClock);

const API_NAMES = [
  "PUT_MEDIA",
  "GET_MEDIA",
  "LIST_FRAGMENTS",
  "GET_MEDIA_FOR_FRAGMENT_LIST",
  "GET_HLS_STREAMING_SESSION_URL",
  "GET_DASH_STREAMING_SESSION_URL",
  "GET_CLIP",
  "GET_IMAGES",
];

describe("GetDataEndpoint", () => {
  it("answers the origin the request was sent to, for every API", async () => {
    const info = await createActiveVideoStream();
    for (const api of API_NAMES) {
      expect(await videoOk("/getDataEndpoint", { StreamName: info.StreamName, APIName: api })).toEqual({
        DataEndpoint: "https://kinesis.us-east-1.amazonaws.com",
      });
    }
    // As `npm start` is addressed: the signed Host and the scheme.
    const local = await video<{ DataEndpoint: string }>("http://127.0.0.1:4567/getDataEndpoint", { StreamARN: info.StreamARN, APIName: "PUT_MEDIA" });
    expect(local.body).toEqual({ DataEndpoint: "http://127.0.0.1:4567" });
  });

  it("answers 404 for a stream that does not exist or is not ACTIVE yet", async () => {
    await expectVideoFailure("/getDataEndpoint", { StreamName: uniqueName("missing"), APIName: "GET_MEDIA" }, 404, "ResourceNotFoundException", NOT_FOUND);
    const name = uniqueName("video");
    await videoOk("/createStream", { StreamName: name });
    await expectVideoFailure("/getDataEndpoint", { StreamName: name, APIName: "GET_MEDIA" }, 404, "ResourceNotFoundException", NOT_FOUND);
    registryClock.advance(VIDEO_CONTROL.createStreamMs);
    await videoOk("/getDataEndpoint", { StreamName: name, APIName: "GET_MEDIA" });
  });

  it("validates APIName", async () => {
    await expectVideoValidation(
      "/getDataEndpoint",
      { StreamName: "cam", APIName: "PUT_IMAGES" },
      "Value 'PUT_IMAGES' at 'aPIName' failed to satisfy constraint: Member must satisfy enum value set: " +
        "[GET_HLS_STREAMING_SESSION_URL, GET_IMAGES, LIST_FRAGMENTS, GET_MEDIA_FOR_FRAGMENT_LIST, PUT_MEDIA, GET_DASH_STREAMING_SESSION_URL, GET_CLIP, GET_MEDIA]",
    );
  });
});

describe("resolve (the data plane's lookup)", () => {
  it("answers the stream by name or ARN, with its internal id, in whatever status it is", async () => {
    const name = uniqueName("video");
    const created = await videoOk<{ StreamARN: string }>("/createStream", { StreamName: name, DataRetentionInHours: 3, MediaType: "video/h264" });
    const byName = await videoRegistryStub().resolve(name, undefined);
    expect(byName).toEqual({
      ok: true,
      value: {
        streamName: name,
        streamArn: created.StreamARN,
        streamId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: "CREATING",
        dataRetentionInHours: 3,
        mediaType: "video/h264",
        kmsKeyId: expect.stringMatching(/alias\/aws\/kinesisvideo$/),
        version: expect.stringMatching(/^[a-zA-Z0-9]{20}$/),
        creationTime: new Date(Number(created.StreamARN.split("/").at(-1))),
        // No image generation, notification or motion detection configured.
        features: {},
      },
    });
    registryClock.advance(VIDEO_CONTROL.createStreamMs);
    const byArn = await videoRegistryStub().resolve(undefined, created.StreamARN);
    expect(byArn.ok && byArn.value.status).toBe("ACTIVE");
    expect(byArn.ok && byName.ok && byArn.value.streamId === byName.value.streamId).toBe(true);
  });

  it("answers the errors the Video APIs answer", async () => {
    expect(await videoRegistryStub().resolve(uniqueName("missing"), undefined)).toEqual({
      ok: false,
      error: { type: "ResourceNotFoundException", message: NOT_FOUND, status: 404 },
    });
    expect(await videoRegistryStub().resolve(undefined, undefined)).toEqual({
      ok: false,
      error: { type: "InvalidArgumentException", message: "Either StreamName or StreamARN must be specified.", status: 400 },
    });
  });
});
