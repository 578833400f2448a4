/**
 * Kinesis Video Streams' control plane against the real local server (`npm start`), driven by the
 * unmodified @aws-sdk/client-kinesis-video and `aws kinesisvideo`: a stream's whole life (create,
 * describe, list with a condition, update, retention, tags, data endpoints, delete), and the
 * operations of features Rivulet does not have, answered with AWS's errors.
 */
import {
  CreateSignalingChannelCommand,
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeEdgeConfigurationCommand,
  DescribeStreamCommand,
  GetDataEndpointCommand,
  KinesisVideoClient,
  ListSignalingChannelsCommand,
  ListStreamsCommand,
  ListTagsForStreamCommand,
  ResourceNotFoundException,
  TagStreamCommand,
  UntagStreamCommand,
  UpdateDataRetentionCommand,
  UpdateStreamCommand,
  VersionMismatchException,
  type StreamInfo,
} from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, REGION, removeDir, runAws, signedVideoPost, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";

let dir: string | undefined;
let server: TestServer | undefined;
let client: KinesisVideoClient;

beforeAll(async () => {
  dir = tempDir("video-control");
  server = await startServer({ persistDir: dir });
  client = new KinesisVideoClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  removeDir(dir);
});

function url(): string {
  return (server as TestServer).url;
}

async function describeStream(name: string): Promise<StreamInfo> {
  const { StreamInfo: info } = await client.send(new DescribeStreamCommand({ StreamName: name }));
  expect(info).toBeDefined();
  return info as StreamInfo;
}

/** Polls DescribeStream every 100 ms until the stream is ACTIVE. */
async function waitForActive(name: string): Promise<StreamInfo> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const info = await describeStream(name);
    if (info.Status === "ACTIVE") return info;
    if (Date.now() > deadline) throw new Error(`${name} still ${info.Status}`);
    await sleep(100);
  }
}

async function awsJson<T>(args: string[]): Promise<T> {
  const result = await runAws(args, { url: url(), ...ANY_CREDENTIALS });
  if (result.code !== 0) throw new Error(`aws ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return (result.stdout.trim() === "" ? undefined : JSON.parse(result.stdout)) as T;
}

describe("with @aws-sdk/client-kinesis-video", () => {
  it("creates, describes, lists, updates, tags and deletes a stream", async () => {
    const prefix = uniqueName("sdk");
    const name = `${prefix}-cam`;
    const { StreamARN } = await client.send(
      new CreateStreamCommand({ StreamName: name, MediaType: "video/h264", DataRetentionInHours: 24, Tags: { site: "lab" } }),
    );
    expect(StreamARN).toMatch(new RegExp(`^arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/${name}/\\d+$`));
    const info = await waitForActive(name);
    expect(info).toMatchObject({
      StreamName: name,
      StreamARN,
      MediaType: "video/h264",
      KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/kinesisvideo`,
      DataRetentionInHours: 24,
      Status: "ACTIVE",
    });
    expect(info.CreationTime).toBeInstanceOf(Date);

    await client.send(new CreateStreamCommand({ StreamName: `${prefix}-door` }));
    await client.send(new CreateStreamCommand({ StreamName: uniqueName("elsewhere") }));
    const listed = await client.send(
      new ListStreamsCommand({ StreamNameCondition: { ComparisonOperator: "BEGINS_WITH", ComparisonValue: prefix } }),
    );
    expect(listed.StreamInfoList?.map((stream) => stream.StreamName)).toEqual([`${prefix}-cam`, `${prefix}-door`]);

    await client.send(new UpdateStreamCommand({ StreamName: name, CurrentVersion: info.Version, DeviceName: "front-door" }));
    const updated = await describeStream(name);
    expect(updated.DeviceName).toBe("front-door");
    await expect(
      client.send(new UpdateStreamCommand({ StreamName: name, CurrentVersion: info.Version, DeviceName: "stale" })),
    ).rejects.toBeInstanceOf(VersionMismatchException);

    await client.send(
      new UpdateDataRetentionCommand({
        StreamARN,
        CurrentVersion: updated.Version,
        Operation: "INCREASE_DATA_RETENTION",
        DataRetentionChangeInHours: 24,
      }),
    );
    expect((await describeStream(name)).DataRetentionInHours).toBe(48);

    await client.send(new TagStreamCommand({ StreamName: name, Tags: { owner: "ops" } }));
    await client.send(new UntagStreamCommand({ StreamARN, TagKeyList: ["site"] }));
    expect((await client.send(new ListTagsForStreamCommand({ StreamName: name }))).Tags).toEqual({ owner: "ops" });

    await client.send(new DeleteStreamCommand({ StreamARN, CurrentVersion: (await describeStream(name)).Version }));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const error = await client.send(new DescribeStreamCommand({ StreamName: name })).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      if (error !== undefined) {
        expect(error).toBeInstanceOf(ResourceNotFoundException);
        expect((error as ResourceNotFoundException).message).toBe("The requested stream is not found or not active.");
        expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
        break;
      }
      if (Date.now() > deadline) throw new Error(`${name} was not deleted`);
      await sleep(100);
    }
  });

  it("answers a data endpoint of this server for every API, whose paths this server answers", async () => {
    const name = uniqueName("endpoint");
    await client.send(new CreateStreamCommand({ StreamName: name }));
    await waitForActive(name);
    for (const APIName of ["PUT_MEDIA", "GET_MEDIA", "LIST_FRAGMENTS", "GET_HLS_STREAMING_SESSION_URL", "GET_CLIP"] as const) {
      const { DataEndpoint } = await client.send(new GetDataEndpointCommand({ StreamName: name, APIName }));
      expect(DataEndpoint).toBe(url().replace(/\/$/, ""));
    }
    const { DataEndpoint = "" } = await client.send(new GetDataEndpointCommand({ StreamName: name, APIName: "GET_MEDIA" }));
    // A client pointed at the endpoint reaches this server...
    const viaEndpoint = new KinesisVideoClient({ endpoint: DataEndpoint, region: REGION, credentials: ANY_CREDENTIALS });
    expect((await viaEndpoint.send(new DescribeStreamCommand({ StreamName: name }))).StreamInfo?.StreamName).toBe(name);
    viaEndpoint.destroy();
    // ... and so does a data-plane request, signed as the Video clients sign it, answered in the
    // Video APIs' REST-JSON (the data plane, built apart, answers GetMedia itself; until it is
    // merged the path is not an operation here).
    const response = await signedVideoPost(`${DataEndpoint}/getMedia`, { StreamName: uniqueName("absent"), StartSelector: { StartSelectorType: "NOW" } });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-ErrorType")).toMatch(/^(ResourceNotFoundException|UnknownOperationException):/);
    expect(response.headers.get("x-amzn-RequestId")).toMatch(/^[0-9a-f-]{36}$/);
    await response.body?.cancel();
  });

  it("answers AWS's errors for the features Rivulet does not have", async () => {
    await expect(client.send(new CreateSignalingChannelCommand({ ChannelName: "door" }))).rejects.toMatchObject({
      name: "AccountChannelLimitExceededException",
      $metadata: { httpStatusCode: 400 },
    });
    expect((await client.send(new ListSignalingChannelsCommand({}))).ChannelInfoList).toEqual([]);
    const name = uniqueName("edge");
    await client.send(new CreateStreamCommand({ StreamName: name }));
    await waitForActive(name);
    await expect(client.send(new DescribeEdgeConfigurationCommand({ StreamName: name }))).rejects.toMatchObject({
      name: "StreamEdgeConfigurationNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe("with aws kinesisvideo", () => {
  it("runs a stream's life from the command line", { timeout: 180_000 }, async () => {
    const name = uniqueName("cli");
    const created = await awsJson<{ StreamARN: string }>(["kinesisvideo", "create-stream", "--stream-name", name, "--data-retention-in-hours", "2"]);
    expect(created.StreamARN).toContain(`:stream/${name}/`);
    await waitForActive(name);
    const described = await awsJson<{ StreamInfo: StreamInfo & { CreationTime: number } }>(["kinesisvideo", "describe-stream", "--stream-name", name]);
    expect(described.StreamInfo).toMatchObject({ StreamName: name, Status: "ACTIVE", DataRetentionInHours: 2 });
    const listed = await awsJson<{ StreamInfoList: StreamInfo[] }>([
      "kinesisvideo",
      "list-streams",
      "--stream-name-condition",
      `ComparisonOperator=BEGINS_WITH,ComparisonValue=${name}`,
    ]);
    expect(listed.StreamInfoList.map((stream) => stream.StreamName)).toEqual([name]);
    await awsJson([
      "kinesisvideo",
      "update-data-retention",
      "--stream-name",
      name,
      "--current-version",
      described.StreamInfo.Version ?? "",
      "--operation",
      "DECREASE_DATA_RETENTION",
      "--data-retention-change-in-hours",
      "1",
    ]);
    await awsJson(["kinesisvideo", "tag-stream", "--stream-name", name, "--tags", "team=video"]);
    expect(await awsJson(["kinesisvideo", "list-tags-for-stream", "--stream-name", name])).toEqual({ Tags: { team: "video" } });
    const endpoint = await awsJson<{ DataEndpoint: string }>(["kinesisvideo", "get-data-endpoint", "--stream-name", name, "--api-name", "PUT_MEDIA"]);
    expect(endpoint.DataEndpoint).toBe(url().replace(/\/$/, ""));
    await awsJson(["kinesisvideo", "delete-stream", "--stream-arn", created.StreamARN]);
    await sleep(1000);
    const gone = await runAws(["kinesisvideo", "describe-stream", "--stream-name", name], { url: url(), ...ANY_CREDENTIALS });
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain(
      "An error occurred (ResourceNotFoundException) when calling the DescribeStream operation: The requested stream is not found or not active.",
    );
    const channel = await runAws(["kinesisvideo", "describe-signaling-channel", "--channel-name", "door"], { url: url(), ...ANY_CREDENTIALS });
    expect(channel.stderr).toContain("An error occurred (ResourceNotFoundException) when calling the DescribeSignalingChannel operation");
  });
});
