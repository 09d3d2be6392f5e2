// Databases and message brokers: passwords inside connection URLs and connection strings.
import { custom, lineOf, textBefore, userInfoAhead, type CandidateContext, type Detector, type Judgement, type Verdict } from "../detector.js";
import { isDefaultPassword, isFieldName, isReference, looksLikeGenericExample, opensWithSyntax } from "../placeholder.js";

/** Schemes of databases, caches and brokers (a `+driver` suffix such as `postgresql+psycopg2` is allowed). */
const DB_SCHEMES = /(?:postgres|postgresql|pgsql|mysql|mysqlx|mariadb|mongodb|mongodb\+srv|redis|rediss|valkey|amqp|amqps|mssql|sqlserver|oracle|clickhouse|cockroachdb|couchbase|couchbases|neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|cassandra|memcached|nats|tls|influxdb|snowflake|db2|firebird|vertica|rabbitmq|kafka|sybase|teradata|hana|presto|trino|exasol|jdbc:[a-z0-9]{2,20})(?:\+[a-z0-9]{1,20})?$/i;

/** The scheme in front of `://`, read from the text before the keyword. */
function schemeBefore(ctx: CandidateContext): string {
  const before = textBefore(ctx, 40);
  const m = /[A-Za-z][A-Za-z0-9+.:-]{0,39}$/.exec(before);
  return m ? m[0].replace(/^.*?(jdbc:)/i, "$1") : "";
}

/** Hosts that only reach the developer's own machine or a compose network: a committed password there matters less. */
const LOCAL_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|db|database|postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|rabbitmq|rabbit|cache|broker)(?::\d{1,5})?$/i;

/** The verdict on a password found in a URL. */
function urlPassword(secret: string, ctx: CandidateContext, wantDb: boolean): Judgement {
  const scheme = schemeBefore(ctx);
  const isDb = DB_SCHEMES.test(scheme);
  if (isDb !== wantDb || scheme === "") return { verdict: "reject" };
  let password = secret;
  try {
    password = decodeURIComponent(secret);
  } catch {
    // Not percent-encoded text: judge it as written.
  }
  // A version tag is not a password: docker://alpine:3.19@sha256:… names an image by digest.
  // CVS's `:pserver:user@host` reads as a password "pserver:user" after `cvs://`.
  if (password.length < 3 || /^(?:pserver|gserver|kserver|ext|server|fork):/i.test(password) || isReference(password) || opensWithSyntax(password) || /^x+$|\*\*\*/i.test(password) || ELLIPSIS.test(password) || /^v?\d+(?:\.\d+)+$/.test(password) || /^docker$/i.test(scheme)) return { verdict: "reject" };
  if (isDefaultPassword(password) || isFieldName(password) || looksLikeGenericExample(password)) return { verdict: "example", note: "a placeholder or default password" };
  // A user named `user` or `username` is a documentation's stand-in (pip's `https://user:he%2F%2Fo@…`
  // shows how to percent-encode), so its password is one too.
  if (!wantDb && PLACEHOLDER_USER.test(/:\/\/([^\s:@/"'<>\\`]{0,128}):/.exec(ctx.match[0])?.[1] ?? "")) return { verdict: "example", note: "the user name is a stand-in" };
  // The host follows the password's own `@` (the last of the user info), not the first.
  const whole = ctx.match[0];
  const passwordAt = whole.indexOf(":", whole.indexOf("://") + 3) + 1;
  const host = /^@([^/?#\s"'<>]{1,260})/.exec(whole.slice(passwordAt + secret.length))?.[1] ?? "";
  if (/(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost\.localdomain)(?::\d{1,5})?$/i.test(host)) return { verdict: "example", note: "the host is an example domain" };
  if (LOCAL_HOST.test(host)) return { verdict: "secret", severity: "low", note: "the host is local" };
  // git's credential store keeps one URL a line with the password or token that pushes there.
  if (!wantDb && /(?:^|\/)\.?git-credentials$/.test(ctx.path ?? "")) return { verdict: "secret", severity: "high", note: "a git credential store: it pushes to the repository host" };
  return { verdict: "secret" };
}

/** User names that stand for yours in documentation: `user`, `username`, `your_user`, `<user>`-less forms. */
const PLACEHOLDER_USER = /^(?:user|username|user_?name|your[_-]?(?:user|username|login)|my[_-]?user|login|someone|somebody)$/i;

/** An ellipsis standing for the password (`https://api:…@host`, `user:...@host`): "…" is seen as its UTF-8 bytes, the text being latin1. */
const ELLIPSIS = /^(?:\.{2,}|\u2026|\u00e2\u0080\u00a6)+$/;

/**
 * `scheme://user:password@host`: the password is the secret. A password may hold an unencoded `@`:
 * URL parsers (WHATWG's, Python's urlsplit, Go's net/url, which node-postgres, SQLAlchemy and the Go
 * drivers use) end the user info at the last `@` before the authority ends (`/`, `?` or `#`), so the
 * password runs to that `@`. A password with an unencoded `?` or `#` (which those parsers would cut)
 * is read as before, without `@`. Both alternatives are bounded: linear.
 */
const URL_CREDENTIALS = /:\/\/[^\s:@/"'<>\\`]{0,128}:([^\s/"'<>\\`?#]{1,256}(?=@[A-Za-z0-9.\-_[\]:%])|[^\s@/"'<>\\`]{1,256}(?=@[A-Za-z0-9.\-_[\]:%]))@[A-Za-z0-9.\-_[\]:%]{1,260}/y;

/**
 * An XML entity: a connection string in an XML attribute (web.config's `connectionString="…"`)
 * writes a password's `&` as `&amp;`, whose `;` is no separator. A lone `&` is one that starts no
 * entity, so each `&` is read one way only.
 */
const XML_ENTITY_TAIL = "(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});";
const XML_ENTITY = `&${XML_ENTITY_TAIL}`;

/** `password` or `pwd`, in any case (without the `i` flag, which would loosen the value's classes too). */
// assay: ignore[secrets/generic-credential] a pattern's source, not a password
const PASSWORD_KEY = "(?:[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd]|[Pp][Ww][Dd])";

/** Keys of connection strings that name a server, telling `Password=` in one from any other `password=`. */
const CONNECTION_KEYS = /(?:^|[;"'\s?&])(?:server|data source|host|hostname|address|user id|uid|username|user|initial catalog|database|dbname|jdbc:[a-z]{2,20}:)[ \t]{0,2}=|jdbc:[a-z]{2,20}:/i;

/** libpq's connection keys, blank-separated: `host=…` or `dbname=…` ending in a blank, and a `user=`. */
const LIBPQ_SERVER = /(?:^|[ \t"'\x60=])(?:host|hostaddr|dbname)=[^\s;"'\x60=]{1,200}[ \t]/;
const LIBPQ_USER = /[ \t"'\x60](?:user|username)=[^\s;"'\x60=]{1,100}/;

/**
 * A password written into SQL: PostgreSQL's `CREATE|ALTER ROLE … [WITH] [ENCRYPTED] PASSWORD '…'`
 * and MySQL's `IDENTIFIED BY '…'`. A stored hash (PostgreSQL's `md5…` or `SCRAM-SHA-256$…`,
 * MySQL's `IDENTIFIED BY PASSWORD '*…'` or `AS '…'`) is not the password.
 */
function sqlPassword(secret: string): Verdict | Judgement {
  if (/^md5[0-9a-f]{32}$|^SCRAM-SHA-256\$|^\*[0-9A-F]{40}$/.test(secret) || isReference(secret) || opensWithSyntax(secret) || /^[:?@]/.test(secret)) return "reject";
  if (isDefaultPassword(secret) || isFieldName(secret) || looksLikeGenericExample(secret)) return { verdict: "example", note: "a placeholder or default password" };
  return "secret";
}

/**
 * A password written as a configuration file's bare value: Redis's `requirepass` and `masterauth`
 * (redis.conf, or redis-server's options; a commented line is the default file's example and is
 * not read), a .pgpass entry, ProFTPD's SQLConnectInfo.
 */
function redisPassword(secret: string): Verdict | Judgement {
  // No letter or digit: an ellipsis or a mark standing for the value (`--requirepass …`, in prose).
  if (isReference(secret) || opensWithSyntax(secret) || /[()`]/.test(secret) || !/[A-Za-z0-9]/.test(secret)) return "reject";
  if (isDefaultPassword(secret) || isFieldName(secret) || looksLikeGenericExample(secret)) return { verdict: "example", note: "a placeholder or default password" };
  return "secret";
}

export const DATABASE_DETECTORS: readonly Detector[] = [
  custom({
    id: "database-url-password", title: "Database or message broker URL with a password", provider: "Database", category: "database", keywords: ["://"], span: 800, pattern: URL_CREDENTIALS, confidence: "high", precheck: userInfoAhead(),
    // A server bundle (esbuild's or webpack's dist/server.js) keeps the connection URL it was built with.
    inBundles: true,
    check: (s, ctx) => urlPassword(s, ctx, true), reference: "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS",
  }),
  custom({
    id: "connection-string-password", title: "Password in a database connection string or URL query", provider: "Database", category: "database", keywords: ["password=", "pwd="], span: 300, context: 400, confidence: "medium",
    // A connection string's value ends at `;` (ADO.NET's, ODBC's, JDBC SQL Server's), so `&` is the
    // password's; quoted (`Password='a;b'`), it ends at its quote. In a URL's query (`?…&password=…`,
    // `&amp;` in markup) `&` ends it.
    pattern: new RegExp(
      `(?<![A-Za-z0-9_.])${PASSWORD_KEY}=(?:'(?=[^'\\r\\n]{4,128}')|"(?=[^"\\r\\n\\\\]{4,128}"))?` +
        `((?<=')[^'\\r\\n]{4,128}(?=')|(?<=")[^"\\r\\n\\\\]{4,128}(?=")` +
        `|(?<=(?:[?&]|&amp;)${PASSWORD_KEY}=)[^;"'\\s&<>#]{4,128}(?=[;"'\\s&<>#]|$)` +
        `|(?<![?&]${PASSWORD_KEY}=|&amp;${PASSWORD_KEY}=)(?<=${PASSWORD_KEY}=)(?:[^;"'\\s<>&]|${XML_ENTITY}|&(?!${XML_ENTITY_TAIL})){4,128}(?=[;"'\\s<>]|$))`,
      "y",
    ),
    check: (s, ctx) => {
      // The same line must read as a connection string: other keys of one, separated by semicolons.
      const line = lineOf(ctx);
      // Or a URL's query: `jdbc:mysql://db/app?user=root&password=…`.
      const inQuery = /[?&]$/.test(textBefore(ctx, 1)) && /[a-z][a-z0-9+.-]{1,20}:\/\//i.test(line);
      // Or libpq's keyword/value form, blank-separated (`host=db user=app password=…`: psycopg2,
      // Go's lib/pq, Dovecot's `connect`): a server or database key and a user key on the line.
      const conninfo = /[ \t"'\x60]$/.test(textBefore(ctx, 1)) && LIBPQ_SERVER.test(line) && LIBPQ_USER.test(line);
      if (!inQuery && !conninfo && (!CONNECTION_KEYS.test(line) || !/;/.test(line))) return "reject";
      // No letter or digit: an ellipsis or a mark standing for the value (`password=…`).
      if (isReference(s) || opensWithSyntax(s) || /[()]/.test(s) || !/[A-Za-z0-9]/.test(s)) return "reject";
      if (isDefaultPassword(s) || looksLikeGenericExample(s)) return { verdict: "example", note: "a placeholder or default password" };
      // Dovecot's sample file shows `connect = host=sql.example.com … password=blarg`.
      if (/(?:server|data source|host)=[^\s;"'\x60]{0,200}\.example(?:\.(?:com|org|net))?(?=[\s;,:"'\x60]|$)/i.test(line)) return { verdict: "example", note: "the host is an example domain" };
      return /(?:server|data source|host)=(?:localhost|127\.0\.0\.1|\(local\)|\.\\|\.;)/i.test(line) ? { verdict: "secret", severity: "low", note: "the server is local" } : "secret";
    },
  }),
  custom({
    id: "sql-password", title: "Password in SQL (CREATE/ALTER ROLE … PASSWORD, IDENTIFIED BY)", provider: "Database", category: "database", keywords: ["password '", "identified by ", "identified with "], span: 200, context: 400, confidence: "medium",
    // Inside the statement that sets it: CREATE|ALTER USER|ROLE|GROUP (or MySQL's GRANT … TO) then
    // [ENCRYPTED] PASSWORD '…' or IDENTIFIED [WITH plugin] BY '…'; SQL keywords take any case.
    // Prose ("the library identified by 'name'") has no such statement before it.
    pattern: /(?<=\b(?:(?:CREATE|ALTER)[ \t\r\n]{1,4}(?:USER|ROLE|GROUP)|GRANT)\b[^;]{1,300})(?:PASSWORD[ \t]{1,4}'|IDENTIFIED[ \t]{1,4}(?:WITH[ \t]{1,4}[A-Za-z0-9_]{1,64}[ \t]{1,4})?BY[ \t]{1,4}['"])([^'"\s]{4,128})['"]/iy,
    check: (s) => sqlPassword(s), reference: "https://www.postgresql.org/docs/current/sql-createrole.html",
  }),
  custom({
    id: "go-mysql-dsn-password", title: "Password in a Go MySQL driver DSN (user:password@tcp(host)/db)", provider: "Database", category: "database", keywords: ["@tcp(", "@tcp6(", "@unix("], span: 200, confidence: "medium",
    // go-sql-driver's DSN has no scheme for the URL detectors to find: `[user[:password]@][protocol[(address)]]/dbname`,
    // written as one string literal. The password may hold `@` (the last one before the protocol ends it),
    // so the match starts at the literal's opening quote, some distance before the keyword.
    pattern: /["'`][^\s"'`:@/]{1,64}:([^\s"'`]{1,128})@(?:tcp6?|unix)\(/y,
    back: Array.from({ length: 200 }, (_, i) => i + 3),
    check: (s, ctx) => {
      if (isReference(s) || opensWithSyntax(s) || /^%[a-z]$/.test(s)) return "reject";
      if (isDefaultPassword(s) || isFieldName(s) || looksLikeGenericExample(s)) return { verdict: "example", note: "a placeholder or default password" };
      const host = /@(?:tcp6?|unix)\(([^)\s]{0,260})\)/.exec(ctx.text.slice(ctx.index, ctx.index + ctx.match[0].length + 270))?.[1] ?? "";
      // A unix socket is on the same machine, as a local host is.
      return host === "" || ctx.match[0].endsWith("unix(") || LOCAL_HOST.test(host) ? { verdict: "secret", severity: "low", note: "the host is local" } : "secret";
    },
    reference: "https://github.com/go-sql-driver/mysql#dsn-data-source-name",
  }),
  custom({
    id: "redis-password", title: "Redis requirepass or masterauth password", provider: "Redis", category: "database", keywords: ["requirepass", "masterauth"], span: 200, confidence: "medium",
    // As a line of redis.conf, or as redis-server's option (`command: redis-server --requirepass …`).
    pattern: /(?:(?<=(?:^|[\n\r])[ \t]{0,8})|(?<=--))(?:requirepass|masterauth)[ \t]{1,8}["']?([^\s"'#]{4,128})["']?(?=\s|$)/y,
    check: (s) => redisPassword(s), reference: "https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
  }),
  custom({
    id: "pgpass-password", title: "Password in a PostgreSQL password file (.pgpass)", provider: "PostgreSQL", category: "database", keywords: [":543", ":6432:", ":6543:", ":25060:", ":26257:", ":*:"], span: 300, confidence: "medium",
    // `hostname:port:database:username:password`, one entry a line; `*` matches anything and `\:`
    // escapes a colon (a backslash before anything else ends the value: `\"` closes an escaped
    // string). The keyword is the port (5432 and its neighbours, PgBouncer's 6432, Supabase's pooler
    // 6543, DigitalOcean's managed 25060, CockroachDB's 26257, or `*`); the
    // host before it starts the line, or a quoted string that writes the file (`echo "…" > ~/.pgpass`).
    pattern: /(?<=(?:^|[\r\n"'])[^\s:#"']{1,253}):(?:[0-9]{1,5}|\*):(?:[^\s:\\]|\\.){1,63}:(?:[^\s:\\]|\\.){1,63}:((?:[^\s\\"']|\\[:\\]){1,128})(?=["'\s\\]|$)/y,
    check: (s, ctx) => {
      // The format is the file's: only a .pgpass (or a line that writes one) is read so.
      if (!/(?:^|\/)\.?pgpass[^/]*$/i.test(ctx.path ?? "") && !/pgpass/i.test(lineOf(ctx))) return "reject";
      return redisPassword(s);
    },
    reference: "https://www.postgresql.org/docs/current/libpq-pgpass.html",
  }),
  custom({
    id: "pgbouncer-userlist-password", title: "Password in a PgBouncer auth_file (userlist.txt)", provider: "PgBouncer", category: "database", keywords: ['" "'], span: 400, confidence: "medium",
    // `"username" "password"`, one user a line, both in double quotes (a quote inside doubled). The
    // keyword is the quotes between the fields, so the line's first field is read behind it.
    // `" "` is common in code (`a + " " + b`): only a line that opens with a quote is read further.
    precheck: (bytes, at) => {
      let i = at - 1;
      while (i >= 0 && at - i <= 140 && bytes[i] !== 10 && bytes[i] !== 13) i--;
      let j = i + 1;
      while (j < at && (bytes[j] === 32 || bytes[j] === 9)) j++;
      return j < at && bytes[j] === 34 && (i < 0 || bytes[i] === 10 || bytes[i] === 13);
    },
    pattern: /(?<=(?:^|[\r\n])[ \t]{0,8}"(?:[^"\r\n]|""){1,64})" "((?:[^"\r\n]|""){1,256})"/y,
    check: (s, ctx) => {
      if (!/(?:^|\/)[^/]*(?:userlist|pgbouncer)[^/]*$|(?:^|\/)pgbouncer\/[^/]*\.txt$/i.test(ctx.path ?? "")) return "reject";
      // PostgreSQL's md5 authentication answers the server's challenge with the stored hash, not the
      // password, and PgBouncer logs in to the server with it: the hash is as good as the password.
      if (/^md5[0-9a-f]{32}$/.test(s)) return { verdict: "secret", note: "an MD5 hash, which logs in as the password does (md5 authentication)" };
      // A SCRAM secret keeps the client's key out: it logs in nowhere, it only invites a slow guessing attack.
      if (/^SCRAM-SHA-256\$/.test(s)) return "reject";
      return redisPassword(s);
    },
    reference: "https://www.pgbouncer.org/config.html#authentication-file-format",
  }),
  custom({
    id: "proftpd-sql-password", title: "Database password in a ProFTPD SQLConnectInfo directive", provider: "ProFTPD", category: "database", keywords: ["sqlconnectinfo"], span: 700, confidence: "medium",
    // `SQLConnectInfo connection-info [username] [password] [policy]`: the third word is the database password.
    pattern: /(?<=(?:^|[\r\n])[ \t]{0,20})SQLConnectInfo[ \t]{1,8}[^\s]{1,300}[ \t]{1,8}[^\s"'#]{1,128}[ \t]{1,8}["']?([^\s"'#]{1,128})["']?(?=\s|$)/iy,
    check: (s, ctx) => {
      if (/^(?:PERSESSION|PERCONN(?:ECTION)?|[0-9]{1,6})$/i.test(s)) return "reject";
      const verdict = redisPassword(s);
      if (verdict !== "secret") return verdict;
      const host = /SQLConnectInfo[ \t]{1,8}[^\s@]{0,128}@([^\s]{1,260})/i.exec(ctx.match[0])?.[1] ?? "localhost";
      return LOCAL_HOST.test(host) ? { verdict: "secret", severity: "low", note: "the host is local" } : "secret";
    },
    reference: "http://www.proftpd.org/docs/directives/linked/config_ref_SQLConnectInfo.html",
  }),
];

/** Shared with the generic URL-credentials detector, which takes every other scheme. */
export { URL_CREDENTIALS, urlPassword };