"""Runs boto3 calls for test/e2e/python.test.ts, one per line of JSON on stdin, one answer per line.

A call is {"client": {"service", "endpoint", "config"?}, "method": <boto3 method>, "params": {...}},
with "times": n to make it n times in a row as fast as Python can (answered as {"answers": [...]}).
Bytes travel as {"$bytes": <base64>} and datetimes as {"$time": <epoch seconds>} both ways. The
answer is {"ok": <result>} or {"error": {"code", "message", "exception"}}, with the HTTP status, how
many times botocore retried, and the Content-Type and X-Amz-Target of every request it sent.

Nothing here decides what is right: the test does. Credentials are any (the server is started
without keys); region us-east-1.
"""
import base64
import datetime
import json
import sys

import boto3
import botocore
from botocore.config import Config


def encode(value):
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return {"$time": value.timestamp()}
    if hasattr(value, "read"):  # a streaming body (S3 GetObject)
        return encode(value.read())
    if isinstance(value, dict):
        return {key: encode(member) for key, member in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(member) for member in value]
    return value


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        if set(value) == {"$time"}:
            return datetime.datetime.fromtimestamp(value["$time"], tz=datetime.timezone.utc)
        return {key: decode(member) for key, member in value.items()}
    if isinstance(value, list):
        return [decode(member) for member in value]
    return value


clients = {}
sent = []


def header(request, name):
    value = request.headers.get(name)
    return value.decode("ascii") if isinstance(value, bytes) else value


def record_request(request, **_):
    sent.append({"contentType": header(request, "Content-Type"), "target": header(request, "X-Amz-Target")})


def client_for(spec):
    key = json.dumps(spec, sort_keys=True)
    if key not in clients:
        made = boto3.session.Session().client(
            spec["service"],
            endpoint_url=spec["endpoint"],
            region_name="us-east-1",
            aws_access_key_id="AKIDE2EPYTHON",
            aws_secret_access_key="e2e-python-secret",
            config=Config(**spec.get("config", {})),
        )
        made.meta.events.register("before-send", record_request)
        clients[key] = made
    return clients[key]


def run(call):
    del sent[:]
    try:
        result = getattr(client_for(call["client"]), call["method"])(**decode(call.get("params", {})))
        meta = result.pop("ResponseMetadata", {})
        return {"ok": encode(result), "status": meta.get("HTTPStatusCode"), "retries": meta.get("RetryAttempts"), "sent": list(sent)}
    except botocore.exceptions.ClientError as error:
        details = error.response.get("Error", {})
        meta = error.response.get("ResponseMetadata", {})
        return {
            "error": {"code": details.get("Code"), "message": details.get("Message"), "exception": type(error).__name__},
            "status": meta.get("HTTPStatusCode"),
            "retries": meta.get("RetryAttempts"),
            "sent": list(sent),
        }


def main():
    print(json.dumps({"ready": {"boto3": boto3.__version__, "botocore": botocore.__version__}}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            call = json.loads(line)
            answer = run(call) if "times" not in call else {"answers": [run(call) for _ in range(call["times"])]}
        except Exception as failure:  # a bug in the test's call, not an AWS error: say what it was
            answer = {"failure": "%s: %s" % (type(failure).__name__, failure)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
