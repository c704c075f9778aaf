import type { Insertable, Selectable } from "kysely";
import type { DB } from "./generated.js";

// The table types are generated from the migrated schema (src/db/generated.ts, `npm run db:types`); this
// module only names the rows the code passes around.
export type { AccountActionType, UserRole, UserStatus } from "./generated.js";

export type Database = DB;
export type User = Selectable<DB["users"]>;
export type NewUser = Insertable<DB["users"]>;
export type AppSettings = Selectable<DB["app_settings"]>;
export type WaitlistEntry = Selectable<DB["waitlist_entries"]>;
export type Invitation = Selectable<DB["invitations"]>;
export type AccountAction = Selectable<DB["account_actions"]>;
