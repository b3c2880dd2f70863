"""Minimal stand-in for the server's agent endpoints: token, metrics batches (always stored).

Usage: sink.py PORT [CERT.pem KEY.pem]   (with a certificate and key it serves https)
"""
import http.server
import json
import ssl
import sys


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    snapshots = 0

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if self.path == "/api/auth/token":
            self._send(200, {"access_token": "bench", "token_type": "Bearer", "expires_in": 3600, "client_id": "bench"})
        elif self.path.endswith("/metrics"):
            n = len(json.loads(body))
            Sink.snapshots += n
            self._send(200, {"accepted": n, "duplicates": 0})
        else:
            self._send(404, {"error": "not_found"})

    def do_GET(self):
        self._send(404, {"error": "not_found"})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink)
    if len(sys.argv) > 3:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
