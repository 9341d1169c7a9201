// A local stand-in for Deepgram that speaks its real protocol, for the voice scenario:
//   POST /v1/auth/grant   `Authorization: Token <key>`, {"ttl_seconds": n} -> {"access_token", "expires_in"}
//   GET  /v1/listen       WebSocket; the browser authenticates with the subprotocols ["bearer", <token>]
//                         (a granted, unexpired token) or ["token", <key>]; binary frames are audio
//                         (WebM/Opus from MediaRecorder); text frames are control messages
//                         ({"type": "KeepAlive"}, {"type": "CloseStream"}, {"type": "Finalize"}).
// It answers with Deepgram's live message shapes: "Results" (interim results while words come in,
// is_final/speech_final when a stretch of speech ends; the last stretch is finalised by CloseStream),
// then "Metadata" and a normal close after CloseStream, and closes with 1011 NET-0001 after 10 s with
// neither audio nor a message, as Deepgram does. What it hears is scripted: one more word of the
// interview language's script per audio frame (a Korean and an English answer).
//
//   node e2e/fake-deepgram.mjs [port]     runs it alone (the key is "fake-deepgram-key")
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

/** What the fake "hears", per interview language: stretches of speech, word by word. */
export const SCRIPTS = {
  ko: [
    ['저는', '결제', 'API를', 'FastAPI와', 'PostgreSQL로', '만들었습니다.'],
    ['느린', '쿼리에', '인덱스를', '추가해', '응답', '시간을', '40%', '줄였습니다.'],
  ],
  en: [
    ['I', 'built', 'the', 'payments', 'API', 'with', 'FastAPI', 'and', 'PostgreSQL.'],
    ['An', 'index', 'on', 'the', 'slow', 'query', 'cut', 'latency', 'by', '40%.'],
  ],
};

/** The whole final text of a script, as a client joining the finals with spaces shows it. */
export function scriptText(language) {
  return (SCRIPTS[language] ?? SCRIPTS.en).map((words) => words.join(' ')).join(' ');
}

const IDLE_TIMEOUT_MS = 10_000;
const WEBM_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const MODEL_UUID = '1dbdfb4d-85b2-4659-9831-16b3c76229aa';
const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

function json(response, status, body, headers = {}) {
  const data = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers });
  response.end(data);
}

/**
 * Starts the fake on 127.0.0.1; resolves with { url, apiKey, grants, sessions, refusals,
 * expireTokens(), close() }.
 * `sessions` records what each connection did, for the tests' assertions.
 */
export function startFakeDeepgram({ apiKey = 'fake-deepgram-key', port = 0, log = () => {} } = {}) {
  const tokens = new Map(); // access token -> expiry (ms)
  const grants = [];
  const sessions = [];
  const refusals = [];

  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://fake').pathname;
    if (request.method === 'POST' && path === '/v1/auth/grant') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.headers.authorization !== `Token ${apiKey}`) {
          json(response, 401, { err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.', request_id: randomUUID() });
          return;
        }
        let ttl = 30;
        try {
          const parsed = body ? JSON.parse(body) : {};
          if (parsed.ttl_seconds !== undefined) ttl = Number(parsed.ttl_seconds);
        } catch {
          json(response, 400, { err_code: 'INVALID_JSON', err_msg: 'Invalid JSON body.', request_id: randomUUID() });
          return;
        }
        if (!(ttl >= 1 && ttl <= 3600)) {
          json(response, 400, { err_code: 'INVALID_TTL', err_msg: 'ttl_seconds must be between 1 and 3600.', request_id: randomUUID() });
          return;
        }
        const now = Math.floor(Date.now() / 1000);
        const token = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: randomUUID(), scope: 'usage:write', iat: now, exp: now + ttl })}.${randomBytes(24).toString('base64url')}`;
        tokens.set(token, Date.now() + ttl * 1000);
        grants.push({ ttl });
        log(`fake deepgram: granted a token for ${ttl}s`);
        json(response, 200, { access_token: token, expires_in: ttl });
      });
      return;
    }
    json(response, 404, { err_code: 'NOT_FOUND', err_msg: `No route for ${request.method} ${path}` });
  });

  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url, 'http://fake');
    const refuse = (status, text, message) => {
      const body = JSON.stringify({ err_code: text, err_msg: message, request_id: randomUUID() });
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ndg-error: ${message}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      refusals.push({ status, message });
      log(`fake deepgram: refused a connection (${status} ${message})`);
    };
    if (url.pathname !== '/v1/listen') return refuse(400, 'NOT_FOUND', 'Unknown path');
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const [scheme, credential] = protocols;
    let auth = null;
    if (scheme === 'bearer' && tokens.has(credential)) {
      if (tokens.get(credential) > Date.now()) auth = 'bearer';
      else return refuse(401, 'INVALID_AUTH', 'Expired token.');
    } else if (scheme === 'token' && credential === apiKey) {
      auth = 'token';
    }
    if (!auth) return refuse(401, 'INVALID_AUTH', 'Invalid credentials.');
    if (!url.searchParams.get('model')) return refuse(400, 'Bad Request', 'No model given.');
    wss.handleUpgrade(request, socket, head, (ws) => listen(ws, url, auth));
  });

  function listen(ws, url, auth) {
    const params = Object.fromEntries(url.searchParams);
    const language = params.language === 'ko' ? 'ko' : 'en';
    const script = SCRIPTS[language];
    const requestId = randomUUID();
    const session = { requestId, auth, protocol: ws.protocol, params, frames: 0, bytes: 0, webm: null, keepAlives: 0, closeStream: false, results: [], closed: null };
    sessions.push(session);
    log(`fake deepgram: connection ${requestId.slice(0, 8)} (${auth}, ${url.search})`);
    const opened = Date.now();
    const hash = createHash('sha256');
    let segment = 0; // which stretch of speech
    let heard = 0; // words of it heard so far
    let segmentStart = 0;
    let idle = null;

    const seconds = () => (Date.now() - opened) / 1000;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        session.closed = { code: 1011, reason: 'NET-0001' };
        ws.close(1011, 'Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001');
      }, IDLE_TIMEOUT_MS);
    };
    armIdle();

    function send(message) {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    }

    function results(isFinal, speechFinal, fromFinalize = false) {
      const words = script[segment].slice(0, heard);
      const start = segmentStart;
      const duration = Math.max(0.25, seconds() - start);
      const step = duration / Math.max(1, words.length);
      const transcript = words.join(' ');
      session.results.push({ transcript, isFinal });
      send({
        type: 'Results',
        channel_index: [0, 1],
        duration: Number(duration.toFixed(3)),
        start: Number(start.toFixed(3)),
        is_final: isFinal,
        speech_final: speechFinal,
        channel: {
          alternatives: [
            {
              transcript,
              confidence: 0.98,
              words: words.map((word, index) => ({
                word: word.replace(/[.,!?]$/, '').toLowerCase(),
                start: Number((start + index * step).toFixed(3)),
                end: Number((start + (index + 1) * step).toFixed(3)),
                confidence: 0.98,
                punctuated_word: word,
              })),
            },
          ],
        },
        metadata: { request_id: requestId, model_info: { name: `general-${params.model}`, version: '2025-01-01.0', arch: params.model }, model_uuid: MODEL_UUID },
        from_finalize: fromFinalize,
      });
    }

    function hearAudio() {
      // The script is spoken (the last stretch waits for CloseStream): silence from now on.
      if (segment >= script.length || heard >= script[segment].length) return;
      heard += 1;
      const last = segment === script.length - 1;
      if (heard < script[segment].length || last) {
        results(false, false); // the last stretch stays interim until the stream is finalised
        return;
      }
      results(true, true); // endpointing: a pause after the stretch
      segment += 1;
      heard = 0;
      segmentStart = seconds();
    }

    function finalise(fromFinalize) {
      if (segment < script.length && heard > 0) {
        results(true, !fromFinalize, fromFinalize);
        segment += 1;
        heard = 0;
        segmentStart = seconds();
      }
    }

    ws.on('message', (data, isBinary) => {
      armIdle();
      if (isBinary) {
        const buffer = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
        if (session.frames === 0) session.webm = buffer.subarray(0, 4).equals(WEBM_MAGIC);
        session.frames += 1;
        session.bytes += buffer.length;
        hash.update(buffer);
        if (buffer.length > 0) hearAudio();
        return;
      }
      let message;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (message.type === 'KeepAlive') {
        session.keepAlives += 1;
      } else if (message.type === 'Finalize') {
        finalise(true);
      } else if (message.type === 'CloseStream') {
        session.closeStream = true;
        finalise(false);
        send({
          type: 'Metadata',
          transaction_key: 'deprecated',
          request_id: requestId,
          sha256: hash.digest('hex'),
          created: new Date(opened).toISOString(),
          duration: Number(seconds().toFixed(3)),
          channels: 1,
          models: [MODEL_UUID],
          model_info: { [MODEL_UUID]: { name: `general-${params.model}`, version: '2025-01-01.0', arch: params.model } },
        });
        clearTimeout(idle);
        session.closed = { code: 1000, reason: '' };
        ws.close(1000);
      }
    });
    ws.on('close', (code) => {
      clearTimeout(idle);
      if (!session.closed) session.closed = { code, reason: 'by the client' };
      log(`fake deepgram: connection ${requestId.slice(0, 8)} closed (${session.frames} audio frames, ${session.keepAlives} keep-alives, CloseStream ${session.closeStream})`);
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        apiKey,
        grants,
        sessions,
        refusals,
        /** Lets every token granted so far expire (a candidate who waited too long). */
        expireTokens: () => {
          for (const token of tokens.keys()) tokens.set(token, Date.now() - 1);
        },
        close: () =>
          new Promise((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close();
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fake = await startFakeDeepgram({ port: Number(process.argv[2] ?? 0), log: console.log });
  console.log(`fake Deepgram at ${fake.url} (DEEPGRAM_API_KEY=${fake.apiKey} DEEPGRAM_BASE_URL=${fake.url})`);
}
