import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/database-credential",
    title: "Database password in a connection string",
    severity: "high",
    confidence: "high",
    rationale:
      "A connection URL (postgres://user:password@host, mongodb+srv://…, redis://…, amqp://…) or connection string (Password=…;, libpq's host=… password=…), SQL that sets a role's password (PASSWORD '…', IDENTIFIED BY '…'), Redis's requirepass, a .pgpass entry, a PgBouncer userlist.txt entry (its md5 hash logs in as the password does) or ProFTPD's SQLConnectInfo, with the password in it gives direct access to the data; a database reachable from the internet is probed for leaked credentials continuously. A password for localhost only is reported at low severity.",
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
