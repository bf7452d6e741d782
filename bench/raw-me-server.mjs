// The baseline of the benchmark: what answering `me` costs with no framework at all. A raw node:http
// server and a pg.Pool answer POST /graphql with the same JSON the API gives for
//   query { me { id email displayName memberships { role organisation { id name } } } }
// and do the same work honestly, per request:
//   1. insist on `content-type: application/json` (the API's CSRF rule) and read and parse the body;
//   2. verify the HS256 access token (HMAC-SHA256 with node:crypto, constant-time compare, expiry,
//      `typ: 'access'`, `sub` and `sid` present), as @nestjs/jwt does in the API;
//   3. run ONE SQL statement (see ME_SQL) that both checks the session is live and the user active, and
//      loads the user with all their memberships and organisations;
//   4. build the `{"data":{"me":{...}}}` JSON.
// It does not parse the GraphQL document: it answers this one query, whatever the body asks. That is
// the point of the baseline: the difference is what the framework, GraphQL and the ORM cost.
//
// Env: DATABASE_URL, PORT, HOST (default 127.0.0.1), JWT_SECRET, POOL_SIZE (default 10, as the API).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const { DATABASE_URL, JWT_SECRET } = process.env;
const PORT = Number(process.env.PORT ?? 3100);
const HOST = process.env.HOST ?? '127.0.0.1';
const POOL_SIZE = Number(process.env.POOL_SIZE ?? 10);
const MAX_BODY_BYTES = 256 * 1024; // the API's limit

if (!DATABASE_URL || !JWT_SECRET) {
  process.stderr.write('raw-me-server: DATABASE_URL and JWT_SECRET are required\n');
  process.exit(1);
}

// Same pool size and connection settings as the API (libs/core/src/database/database-options.ts).
const pool = new pg.Pool({
  connectionString: DATABASE_URL,
  max: POOL_SIZE,
  application_name: 'zhulian-bench-raw',
  statement_timeout: 15_000,
  idle_in_transaction_session_timeout: 30_000,
});
pool.on('error', (error) => process.stderr.write(`raw-me-server: idle client error: ${error.message}\n`));

/**
 * One round trip, as the API's auth guard does (the session check, the user, the memberships):
 * - the inner JOIN on sessions keeps a row only while the session is unrevoked and unexpired, and the
 *   WHERE only while the user is ACTIVE: no row at all means "session ended", as in the API's guard;
 * - the LEFT JOINs bring every membership (active and deactivated, as `me.memberships` does) with its
 *   organisation, ordered like the API (created_at, id); a user without one gives one row of NULLs.
 */
const ME_SQL = `
  SELECT u.id, u.email, u.display_name, m.role, o.id AS organisation_id, o.name AS organisation_name
    FROM users u
    JOIN sessions s ON s.user_id = u.id AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
    LEFT JOIN memberships m ON m.user_id = u.id
    LEFT JOIN organisations o ON o.id = m.organisation_id
   WHERE u.id = $1 AND u.status = 'ACTIVE'
   ORDER BY m.created_at, m.id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BEARER = /^Bearer\s+(\S+)$/i;

class Refusal extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Verifies an HS256 JWT like jsonwebtoken does for the API; returns `{ userId, sessionId }`. */
function verifyAccessToken(token) {
  const invalid = () => new Refusal(401, 'ACCESS_TOKEN_INVALID', 'The access token is not valid. Please sign in again.');
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid();
  const [head, body, signature] = parts;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (header?.alg !== 'HS256') throw invalid();
  const expected = createHmac('sha256', JWT_SECRET).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims?.exp !== 'number' || now >= claims.exp) {
    throw new Refusal(401, 'ACCESS_TOKEN_EXPIRED', 'Your session has expired. Refresh it or sign in again.');
  }
  if (typeof claims.nbf === 'number' && now < claims.nbf) throw invalid();
  if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw invalid();
  if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) throw invalid();
  return { userId: claims.sub, sessionId: claims.sid };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Refusal(413, 'PAYLOAD_TOO_LARGE', 'The request is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function me(req) {
  const path = req.url.split('?')[0];
  if (path !== '/graphql') throw new Refusal(404, 'NOT_FOUND', 'Not found.');
  if (req.method !== 'POST') throw new Refusal(405, 'METHOD_NOT_ALLOWED', 'Use POST.');
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new Refusal(400, 'BAD_REQUEST', 'Send the operation as JSON (content-type: application/json).');
  }
  let operation;
  try {
    operation = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(400, 'BAD_REQUEST', 'The body is not valid JSON.');
  }
  if (typeof operation?.query !== 'string') throw new Refusal(400, 'BAD_REQUEST', 'The body has no query.');

  const match = BEARER.exec(req.headers.authorization ?? '');
  if (!match) throw new Refusal(401, 'SIGN_IN_REQUIRED', 'Please sign in.');
  const { userId, sessionId } = verifyAccessToken(match[1]);

  const { rows } = await pool.query(ME_SQL, [userId, sessionId]);
  if (rows.length === 0) throw new Refusal(401, 'SESSION_ENDED', 'Your session has ended. Please sign in again.');
  const user = rows[0];
  const memberships = [];
  for (const row of rows) {
    if (row.role === null) continue; // the single row of a user with no membership
    memberships.push({ role: row.role, organisation: { id: row.organisation_id, name: row.organisation_name } });
  }
  return { data: { me: { id: user.id, email: user.email, displayName: user.display_name, memberships } } };
}

function send(res, status, payload) {
  const body = `${JSON.stringify(payload)}\n`; // as Apollo Server writes it: the same bytes on the wire
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  me(req).then(
    (payload) => send(res, 200, payload),
    (error) => {
      if (error instanceof Refusal) {
        send(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }], data: null });
      } else {
        process.stderr.write(`raw-me-server: ${error?.stack ?? error}\n`);
        send(res, 500, { errors: [{ message: 'Something went wrong.', extensions: { code: 'INTERNAL' } }], data: null });
      }
    },
  );
});

function shutdown() {
  server.close();
  pool.end().finally(() => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.listen(PORT, HOST, () => {
  process.stdout.write(`raw me server listening on http://${HOST}:${PORT}/graphql\n`);
});
