/**
 * Transformation functions for the Firehose processing tests, bound to the Worker as service
 * bindings (vitest.config.ts), speaking Firehose's Lambda contract
 * (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html): a request
 * {invocationId, deliveryStreamArn, region, records: [{recordId, approximateArrivalTimestamp, data}]}
 * answered by {records: [{recordId, result, data}]}.
 */

interface LambdaRequest {
  records: { recordId: string; data: string }[];
}

const decode = (data: string) => new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
const encode = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/**
 * CSV_TO_JSON: `id,name,price` lines become JSON lines; a blank record is Dropped; a line without
 * three fields is ProcessingFailed.
 */
export async function csvToJson(request: Request): Promise<Response> {
  const event = (await request.json()) as LambdaRequest;
  const records = event.records.map((record) => {
    const line = decode(record.data).trim();
    if (line === "") return { recordId: record.recordId, result: "Dropped", data: record.data };
    const fields = line.split(",");
    if (fields.length !== 3) return { recordId: record.recordId, result: "ProcessingFailed", data: record.data };
    const [id, name, price] = fields as [string, string, string];
    return { recordId: record.recordId, result: "Ok", data: encode(`${JSON.stringify({ id: Number(id), name, price: Number(price) })}\n`) };
  });
  return Response.json({ records });
}
