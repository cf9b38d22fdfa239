// The loopback servers of the HTTP-check benchmark, in their own process so that their CPU is
// not counted as the engine's: HTTP and HTTPS answering a small health text and a JSON body,
// and a TCP port that accepts and closes.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

const handler = (req, res) => {
  if (req.url === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP","checks":[{"name":"db","state":"ok"}]}');
  res.writeHead(200, { 'content-type': 'text/plain' }).end('service: healthy\n');
};
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

process.once('message', async ({ cert, key }) => {
  const plain = await listen(http.createServer(handler));
  // The kept-alive reference reuses one connection across rounds: Node's 5 s idle close would reset it.
  const secure = await listen(https.createServer({ cert, key, keepAliveTimeout: 600_000 }, handler));
  const tcp = await listen(net.createServer((s) => s.end()));
  process.send({ plain, secure, tcp });
});
// Ends with the benchmark, even when it failed before it could say so.
process.on('disconnect', () => process.exit(0));
