// One port that speaks both plain HTTP and TLS. MSAL only accepts https authorities, while the product and the
// tests talk plain HTTP to Graph; so every sandbox URL works as http://127.0.0.1:PORT and, for the identity
// endpoints, as https://127.0.0.1:PORT with the fixed sandbox certificate. The first byte of a connection
// tells them apart (0x16 opens every TLS handshake).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { SANDBOX_TLS_CERT, SANDBOX_TLS_KEY } from './tls-material.js';

const TLS_HANDSHAKE_RECORD = 0x16;

export function dualProtocolServerFactory(handler: http.RequestListener): http.Server {
  const httpServer = http.createServer(handler);
  const httpsServer = https.createServer({ key: SANDBOX_TLS_KEY, cert: SANDBOX_TLS_CERT }, handler);
  const plainListeners = httpServer.listeners('connection') as Array<(socket: Socket) => void>;
  httpServer.removeAllListeners('connection');
  httpServer.on('connection', (socket: Socket) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE_RECORD) httpsServer.emit('connection', socket);
      else for (const listener of plainListeners) listener.call(httpServer, socket);
      process.nextTick(() => socket.resume());
    });
  });
  // Errors on TLS sockets (a client that rejects the certificate) must not crash the sandbox.
  httpsServer.on('tlsClientError', (_err, socket) => socket.destroy());
  httpServer.on('close', () => httpsServer.close());
  return httpServer;
}
