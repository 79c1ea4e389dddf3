#!/usr/bin/env python3
"""Writes edge-vectors.json (next to this script): extra vectors in the format of the fact sheet's section 1.

The values come from this script's own implementation of section 3, written independently of the C# signer,
so the C# conformance test compares two implementations. Categories:
  conformance                requests signed over exactly content-type;host, as the Python SDK's JDCLOUD3 signer
                             does (date and nonce are sent but not signed);
  v3-normalization-edge      non-canonical input that the single canonicaliser must normalise;
  sdk-quirk-do-not-emulate   canonical requests as a defective SDK builds them (raw query order, raw ':');
                             a correct signer must not reproduce them, only the hash and HMAC chain are checked.
Run: python3 tests/JdCloudPodOperator.Tests/TestData/signing-vectors/make-edge-vectors.py
"""
import hashlib, hmac, json, os, re
from urllib.parse import urlsplit

AK, SK = "AKIDEDGE0000000000001", "SKEDGEsecret/with+specials=0000000000"
UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def pct_decode(text, plus_is_space):
    out, i, raw = bytearray(), 0, text
    while i < len(raw):
        c = raw[i]
        if c == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", raw[i + 1:i + 3] or ""):
            out.append(int(raw[i + 1:i + 3], 16)); i += 3; continue
        if c == "+" and plus_is_space:
            out.append(0x20); i += 1; continue
        out += c.encode("utf-8"); i += 1
    return bytes(out)


def pct_encode(data, keep_slash):
    return "".join(chr(b) if b in UNRESERVED or (keep_slash and b == 0x2F) else "%%%02X" % b for b in data)


def canonical_uri(path):
    enc = re.sub("/{2,}", "/", pct_encode(pct_decode(path, False), True))
    return enc if enc.startswith("/") else "/" + enc


def canonical_query(query):
    pairs = []
    for item in query.split("&"):
        if not item or "=" not in item or item.index("=") == 0:
            continue
        name, value = item.split("=", 1)
        pairs.append((pct_encode(pct_decode(name, True), False), pct_encode(pct_decode(value, True), False)))
    return "&".join(f"{n}={v}" for n, v in sorted(pairs))


def host_of(url):
    u = urlsplit(url)
    default = {"https": 443, "http": 80}[u.scheme]
    return u.hostname.lower() + (f":{u.port}" if u.port and u.port != default else "")


def sign(v, canonical_request):
    n = v["algorithm"][7]
    short = v["fixed_date"][:8]
    scope = f"{short}/{v['region']}/{v['service']}/jdcloud{n}_request"
    sts = "\n".join([v["algorithm"], v["fixed_date"], scope, hashlib.sha256(canonical_request.encode()).hexdigest()])
    key = ("JDCLOUD" + n + v["secret_key"]).encode()
    for part in (short, v["region"], v["service"], f"jdcloud{n}_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
    v.update(canonical_request=canonical_request, string_to_sign=sts, signature=sig,
             authorization=f"{v['algorithm']} Credential={v['access_key']}/{scope}, SignedHeaders={v['signed_headers']}, Signature={sig}")
    return v


def headers_block(v):
    given = {k.lower(): val.strip() for k, val in v["headers_given"].items()}
    fallback = {"host": host_of(v["url"]), "x-jdcloud-date": v["fixed_date"], "x-jdcloud-nonce": v["fixed_nonce"],
                "content-type": "application/json"}
    names = v["signed_headers"].split(";")
    return "".join(f"{n}:{given.get(n, fallback[n]) if n != 'host' else fallback['host']}\n" for n in names)


def base(vid, category, algorithm, method, url, body="", headers=None, signed="host;x-jdcloud-date;x-jdcloud-nonce",
         region="cn-north-1", description=""):
    return {"id": vid, "category": category, "description": description, "algorithm": algorithm, "access_key": AK,
            "secret_key": SK, "method": method, "url": url, "service": "pod", "region": region,
            "fixed_date": "20261123T093000Z", "fixed_nonce": "3f2b8c1e-7d4a-4e55-9a0b-1c2d3e4f5a6b",
            "headers_given": headers or {}, "body": body, "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
            "signed_headers": signed}


def correct(v):
    u = urlsplit(v["url"])
    cr = "\n".join([v["method"], canonical_uri(u.path), canonical_query(u.query), headers_block(v), v["signed_headers"],
                    v["body_sha256"]])
    return sign(v, cr)


def quirk(v, raw_uri, raw_query):
    cr = "\n".join([v["method"], raw_uri, raw_query, headers_block(v), v["signed_headers"], v["body_sha256"]])
    return sign(v, cr)


vectors = [
    correct(base("edge-01-unsorted-plus-query", "v3-normalization-edge", "JDCLOUD3-HMAC-SHA256", "GET",
                 "https://pod.jdcloud-api.com/v1/regions/cn-north-1/pods?pageSize=20&filters.1.values.1=web+01&&flag&=orphan&filters.1.name=name&pageNumber=1",
                 description="unsorted query, raw '+', an empty item, a name without '=', an empty name")),
    correct(base("edge-02-raw-colon-action", "v3-normalization-edge", "JDCLOUD2-HMAC-SHA256", "POST",
                 "https://pod.jdcloud-api.com/v1/regions/cn-east-2/pods/pod-abc:stopPod", body='{"regionId":"cn-east-2"}',
                 headers={"Content-Type": "  application/json "}, signed="content-type;host;x-jdcloud-date;x-jdcloud-nonce",
                 region="cn-east-2", description="raw ':' in the path, header name in mixed case, value with outer spaces")),
    correct(base("edge-03-lowercase-escapes-port", "v3-normalization-edge", "JDCLOUD2-HMAC-SHA256", "GET",
                 "http://127.0.0.1:8080/v1/regions/cn-north-1/pods?filters.1.values.1=%e6%b5%8b&filters.1.name=name&slash=a/b",
                 description="lower-case hex escapes, a raw '/' in a query value, loopback with a port")),
    correct(base("edge-04-https-default-port", "v3-normalization-edge", "JDCLOUD3-HMAC-SHA256", "DELETE",
                 "https://POD.jdcloud-api.com:443/v1/regions/cn-south-1/pods/pod-x", region="cn-south-1",
                 description="explicit default port and an upper-case host: host is signed lower case, without the port")),
    correct(base("edge-05-python-style-post-content-type-host", "conformance", "JDCLOUD3-HMAC-SHA256", "POST",
                 "https://pod.jdcloud-api.com/v1/regions/cn-north-1/pods",
                 body='{"regionId": "cn-north-1", "maxCount": 1, "podSpec": {"name": "py-web"}}',
                 signed="content-type;host",
                 description="the Python SDK's signed set: content-type and host only; date and nonce travel unsigned")),
    correct(base("edge-06-python-style-get-content-type-host", "conformance", "JDCLOUD3-HMAC-SHA256", "GET",
                 "https://pod.jdcloud-api.com/v1/regions/cn-east-2/pods?pageNumber=1&pageSize=10", region="cn-east-2",
                 signed="content-type;host", description="a GET signed over content-type and host only")),
    quirk(base("quirk-01-raw-unsorted-query", "sdk-quirk-do-not-emulate", "JDCLOUD2-HMAC-SHA256", "GET",
               "https://pod.jdcloud-api.com/v1/regions/cn-north-1/pods?pageSize=20&pageNumber=1",
               description="a V2 SDK signing the raw unsorted query"),
          "/v1/regions/cn-north-1/pods", "pageSize=20&pageNumber=1"),
    quirk(base("quirk-02-raw-colon-signed", "sdk-quirk-do-not-emulate", "JDCLOUD2-HMAC-SHA256", "POST",
               "https://pod.jdcloud-api.com/v1/regions/cn-north-1/pods/pod-y:startPod", body="{}",
               description="a raw ':' signed as ':'"),
          "/v1/regions/cn-north-1/pods/pod-y:startPod", ""),
]

here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, "edge-vectors.json")
with open(target, "w", encoding="utf-8") as f:
    json.dump(vectors, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(f"wrote {len(vectors)} vectors to {os.path.normpath(target)}")
