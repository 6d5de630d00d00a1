#!/usr/bin/env python3
"""A tiny MCP stdio server for Prism's tests: standard library only.

Tools: echo (returns its text), image (an image part), crash (writes a line to stderr and
exits 1 mid-call), hang (never answers), pid (its process id), fail (isError result).
It ignores notifications, including notifications/cancelled, so a hung call stays hung.
"""
import json
import os
import sys
import time

TOOLS = [
    {"name": "echo", "description": "Echo text back", "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}},
    {"name": "image", "description": "A small image", "inputSchema": {"type": "object"}},
    {"name": "crash", "description": "Exit mid-call", "inputSchema": {"type": "object"}},
    {"name": "hang", "description": "Never answer", "inputSchema": {"type": "object"}},
    {"name": "pid", "description": "The server's pid", "inputSchema": {"type": "object"}},
    {"name": "fail", "description": "An error result", "inputSchema": {"type": "object"}},
]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def answer(request):
    method = request.get("method")
    params = request.get("params") or {}
    if method == "initialize":
        return {"protocolVersion": params.get("protocolVersion", "2025-06-18"),
                "capabilities": {"tools": {}}, "serverInfo": {"name": "fake", "version": "1"}}
    if method == "ping":
        return {}
    if method == "tools/list":
        return {"tools": TOOLS}
    if method == "tools/call":
        name = params.get("name")
        args = params.get("arguments") or {}
        if name == "echo":
            return {"content": [{"type": "text", "text": args.get("text", "")}]}
        if name == "image":
            return {"content": [{"type": "text", "text": "here:"},
                                {"type": "image", "data": "AAECAwQ=", "mimeType": "image/png"}]}
        if name == "crash":
            sys.stderr.write("boom: the fake server crashed\n")
            sys.stderr.flush()
            os._exit(1)
        if name == "hang":
            while True:
                time.sleep(3600)
        if name == "pid":
            return {"content": [{"type": "text", "text": str(os.getpid())}]}
        if name == "fail":
            return {"content": [{"type": "text", "text": "it went wrong"}], "isError": True}
        return None
    return None


def main():
    sys.stderr.write("fake server ready\n")
    sys.stderr.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        if "id" not in request:
            continue
        result = answer(request)
        if result is None:
            send({"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32601, "message": "unknown"}})
        else:
            send({"jsonrpc": "2.0", "id": request["id"], "result": result})


main()
