"""An MCP server over streamable HTTP on 127.0.0.1 for Prism's tests, on the `mcp` package
that mcp-server-time brings into the test virtualenv. Usage: http_server.py PORT json|sse
(how it answers a POST: a JSON body, or an event stream as the Python SDK does by default)."""
import sys

from mcp.server.mcpserver import MCPServer

server = MCPServer("prism-http-fixture")


@server.tool()
def add(a: int, b: int) -> int:
    """Add two integers"""
    return a + b


server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[1]), json_response=sys.argv[2] == "json")
