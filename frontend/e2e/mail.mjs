// Reading the e-mail `interview dev` caught: its local SMTP server keeps each message as one .eml file in
// <data dir>/mail/ (written to a hidden temporary file, then renamed). Just enough MIME for the
// platform's own messages: headers with RFC 2047 encoded words, multipart bodies, base64 and
// quoted-printable parts in UTF-8.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function splitHead(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const gap = raw.slice(at).match(/^\r?\n\r?\n/)[0].length;
  return { head: raw.slice(0, at), body: raw.slice(at + gap) };
}

function parseHeaders(head) {
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeQuotedPrintable(text) {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** "=?utf-8?b?...?=" and "=?utf-8?q?...?=" words of a header, decoded. */
export function decodeWords(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset, encoding, text) =>
      encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeBody(headers, body) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The text/plain content of a MIME entity (the first one found, depth first). */
function plainText(headers, body) {
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'])?.[1];
    if (!boundary) return null;
    const parts = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const part of parts) {
      if (!part.trim()) continue;
      const { head, body: partBody } = splitHead(part);
      const found = plainText(parseHeaders(head), partBody);
      if (found !== null) return found;
    }
    return null;
  }
  return type.startsWith('text/plain') ? decodeBody(headers, body).replace(/\r\n/g, '\n') : null;
}

/** { to, subject, text, headers } of one message. */
export function parseEml(raw) {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  return { to: decodeWords(headers.to ?? ''), subject: decodeWords(headers.subject ?? ''), text: plainText(headers, body) ?? '', headers };
}

/** The invitation link of a message: the text's line starting with http and containing /invite?token=. */
export function invitationLink(mail) {
  const line = mail.text.split('\n').map((item) => item.trim()).find((item) => item.startsWith('http') && item.includes('/invite?token='));
  if (!line) throw new Error(`no invitation link in the message to ${mail.to}:\n${mail.text}`);
  return line;
}

export function mailFiles(dataDir) {
  try {
    return readdirSync(join(dataDir, 'mail'))
      .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
      .sort();
  } catch {
    return []; // no mail yet: the folder is made with the first message
  }
}

/**
 * Waits (polling the folder, up to `timeoutMs`) for a message to `to` among the files not in
 * `seen`, and returns it with its file name and invitation link.
 */
export async function waitForMail(dataDir, to, { seen = new Set(), timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const wanted = to.toLowerCase();
  for (;;) {
    for (const file of mailFiles(dataDir)) {
      if (seen.has(file)) continue;
      const mail = parseEml(readFileSync(join(dataDir, 'mail', file), 'utf8'));
      if (mail.to.toLowerCase().includes(wanted)) return { file, ...mail, link: invitationLink(mail) };
    }
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} arrived in ${join(dataDir, 'mail')} within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
