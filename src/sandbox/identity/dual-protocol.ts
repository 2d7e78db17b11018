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
  const tlsSockets = new Set<Socket>();
  httpServer.removeAllListeners('connection');
  httpServer.on('connection', (socket: Socket) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE_RECORD) {
        tlsSockets.add(socket);
        socket.once('close', () => tlsSockets.delete(socket));
        httpsServer.emit('connection', socket);
      } else for (const listener of plainListeners) listener.call(httpServer, socket);
      process.nextTick(() => socket.resume());
    });
  });
  // Errors on TLS sockets (a client that rejects the certificate) must not crash the sandbox.
  httpsServer.on('tlsClientError', (_err, socket) => socket.destroy());
  // The HTTP server only knows its own plain connections; TLS ones must be closed too, or close() waits for
  // clients' keep-alive to run out.
  const closeAll = httpServer.closeAllConnections.bind(httpServer);
  const closeIdle = httpServer.closeIdleConnections.bind(httpServer);
  const destroyTls = () => {
    for (const socket of tlsSockets) socket.destroy();
  };
  httpServer.closeAllConnections = () => {
    closeAll();
    destroyTls();
  };
  httpServer.closeIdleConnections = () => {
    closeIdle();
    destroyTls();
  };
  httpServer.on('close', () => httpsServer.close());
  return httpServer;
}
