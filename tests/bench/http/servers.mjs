// The loopback servers of the HTTP-check benchmark, in their own process so that their CPU is
// not counted as the engine's: HTTP and HTTPS answering a small health text and a JSON body,
// an HTTPS one that closes every connection after the answer, and a TCP port that accepts and closes.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

const handler = (req, res) => {
  if (req.url === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP","checks":[{"name":"db","state":"ok"}]}');
  res.writeHead(200, { 'content-type': 'text/plain' }).end('service: healthy\n');
};
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

process.once('message', async ({ cert, key }) => {
  // Idle connections kept as nginx keeps them (75 s, longer than a 30 s interval); here longer
  // still, since a mode's rounds are seconds apart: Node's own 5 s idle close would cut them.
  const plain = await listen(http.createServer({ keepAliveTimeout: 600_000 }, handler));
  const secure = await listen(https.createServer({ cert, key, keepAliveTimeout: 600_000 }, handler));
  // A server that closes every connection after its answer (Connection: close, as with keep-alive
  // turned off, or an idle close shorter than the interval): the kept connection never helps.
  const closing = await listen(https.createServer({ cert, key }, (req, res) => (res.shouldKeepAlive = false, handler(req, res))));
  const tcp = await listen(net.createServer((s) => s.end()));
  process.send({ plain, secure, closing, tcp });
});
// Ends with the benchmark, even when it failed before it could say so.
process.on('disconnect', () => process.exit(0));
