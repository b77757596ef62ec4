/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-pg-migrations.c: the database schema on PostgreSQL, one step per version
 *
 * Entry N is _ef_store_migrations[N - 1] (ef-store-migrations.c) in
 * PostgreSQL's words: the same tables, columns in the same order (some
 * queries read columns by position), defaults, NOT NULL, keys, foreign
 * keys, CHECKs, indexes, and the same data changes. Append only, as there:
 * a released migration never changes. Each runs with PQexec inside the
 * transaction that also bumps ef_schema (which the store creates itself).
 *
 * How SQLite's words were translated:
 *  - INTEGER is BIGINT (ids, Unix-second instants, cents, 0/1 flags);
 *    "id INTEGER PRIMARY KEY" (a rowid alias) is an identity column;
 *  - GLOB patterns are anchored regular expressions (~);
 *  - where SQLite rebuilds a table to change a constraint, PostgreSQL
 *    alters it (the constraints to drop later are named), unless the
 *    rebuild also moves columns (accounts in 7), which PostgreSQL cannot
 *    do otherwise: it is rebuilt too, and the foreign keys to it remade;
 *  - SQLite's lower () only folds ASCII: CHECKs that said "lower" say
 *    the same with translate (), so that both engines accept the same rows;
 *  - ef_fold (), a C function on SQLite connections
 *    (_ef_store_fold_text ()), and ef_json_valid (), json_valid ()'s
 *    stand-in, are SQL functions of the schema.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-store-private.h"

/* A day, "YYYY-MM-DD", as SQLite's GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'. */
#define DAY_RE "'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"

/* What SQLite's lower () does: ASCII letters only. */
#define ASCII_LOWER(x) \
  "translate (" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

/* A school year's partition of reservations: days from August 1st of @y to
 * July 31st of @y + 1 (days are text, and so are the bounds). */
#define RESERVATIONS_PARTITION(y, next) \
  "CREATE TABLE reservations_" #y " PARTITION OF reservations" \
  "  FOR VALUES FROM ('" #y "-08-01') TO ('" #next "-08-01');"

const char * const _ef_store_pg_migrations[] = {
  /* 1: tenants (municipalities) with their deadline policy, and services.
   * ef_fold (), which SQLite has from the C code (_ef_store_fold_text ()):
   * NFKD, without combining marks, Œ/œ as "oe", Æ/æ as "ae", ß as "ss",
   * hyphens and apostrophes as spaces, lower case (the database's ctype,
   * C.UTF-8, lowers any letter). The characters are written as chr () and
   * regular expression escapes, so that this text stays ASCII. */
  "CREATE OR REPLACE FUNCTION ef_fold (t TEXT) RETURNS TEXT"
  "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
  "  AS $$"
  "    SELECT lower ("
  "      replace (replace (replace (replace (replace ("
  "      replace (replace (replace (replace (replace ("
  "        regexp_replace (normalize (t, NFKD),"
  "                        '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]',"
  "                        '', 'g'),"
  "        chr (338), 'oe'), chr (339), 'oe'),"        /* Œ œ */
  "        chr (198), 'ae'), chr (230), 'ae'),"        /* Æ æ */
  "        chr (223), 'ss'),"                          /* ß */
  "        '-', ' '), '''', ' '),"
  "        chr (8217), ' '), chr (8208), ' '), chr (8209), ' '))" /* ’ ‐ ‑ */
  "  $$;"
  "CREATE TABLE tenants ("
  "  id TEXT PRIMARY KEY"
  "    CHECK (length (id) BETWEEN 1 AND 32 AND id ~ '^[0-9A-Za-z]*$'),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  contact TEXT NOT NULL,"
  "  time_zone TEXT NOT NULL,"
  "  deadline_days_before BIGINT NOT NULL CHECK (deadline_days_before BETWEEN 0 AND 60),"
  "  deadline_hour BIGINT NOT NULL CHECK (deadline_hour BETWEEN 0 AND 23),"
  "  deadline_minute BIGINT NOT NULL CHECK (deadline_minute BETWEEN 0 AND 59),"
  "  deadline_counted_weekdays BIGINT NOT NULL"
  "    CHECK (deadline_counted_weekdays BETWEEN 1 AND 254),"
  "  deadline_skip_public_holidays BIGINT NOT NULL"
  "    CHECK (deadline_skip_public_holidays IN (0, 1)),"
  "  deadline_skip_school_holidays BIGINT NOT NULL"
  "    CHECK (deadline_skip_school_holidays IN (0, 1)),"
  "  created_at TEXT NOT NULL"
  "    DEFAULT (to_char (now () AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')),"
  "  updated_at TEXT NOT NULL"
  "    DEFAULT (to_char (now () AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
  ");"
  "CREATE TABLE services ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL CHECK (length (id) BETWEEN 1 AND 64),"
  "  position BIGINT NOT NULL,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  description TEXT NOT NULL,"
  "  PRIMARY KEY (tenant_id, id),"
  "  UNIQUE (tenant_id, position)"
  ");",

  /* 2: families, members, pick-up persons; accounts, their invitation and
   * reset tokens, sessions, the connection log, and the mail outbox.
   * Instants are UTC Unix seconds. Tokens are stored as the hex SHA-256
   * of the token, never in clear. A member's own address is all NULL when
   * the member lives at the family's address. The outbox's CHECK on kind
   * is named: migrations 4 and 10 replace it. */
  "ALTER TABLE tenants ADD COLUMN public_url TEXT"
  "  CHECK (public_url IS NULL OR public_url ~ '^http://.+' OR public_url ~ '^https://.+');"
  "ALTER TABLE tenants ADD COLUMN mail_from TEXT;"
  "CREATE TABLE families ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  reference TEXT CHECK (reference IS NULL OR length (reference) BETWEEN 1 AND 64),"
  "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),"
  "  address_line1 TEXT NOT NULL,"
  "  address_line2 TEXT NOT NULL,"
  "  postal_code TEXT NOT NULL,"
  "  city TEXT NOT NULL,"
  "  created_at BIGINT NOT NULL,"
  "  updated_at BIGINT NOT NULL,"
  "  UNIQUE (tenant_id, reference)"
  ");"
  "CREATE INDEX families_tenant ON families (tenant_id);"
  "CREATE TABLE members ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  family_id BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,"
  "  reference TEXT CHECK (reference IS NULL OR length (reference) BETWEEN 1 AND 64),"
  "  position BIGINT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('responsible', 'child', 'other')),"
  "  first_name TEXT NOT NULL CHECK (length (first_name) BETWEEN 1 AND 100),"
  "  last_name TEXT NOT NULL CHECK (length (last_name) BETWEEN 1 AND 100),"
  "  birth_date TEXT NOT NULL"
  "    CHECK (birth_date ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),"
  "  address_line1 TEXT,"
  "  address_line2 TEXT,"
  "  postal_code TEXT,"
  "  city TEXT,"
  "  email TEXT,"
  "  caf_number TEXT"
  "    CHECK (caf_number IS NULL OR (length (caf_number) = 7 AND caf_number ~ '^[0-9]*$')),"
  "  updated_at BIGINT NOT NULL,"
  "  CHECK ((address_line1 IS NULL) = (postal_code IS NULL)"
  "     AND (postal_code IS NULL) = (city IS NULL)"
  "     AND (city IS NULL) = (address_line2 IS NULL)),"
  "  UNIQUE (family_id, reference)"
  ");"
  "CREATE INDEX members_family ON members (family_id, position);"
  "CREATE TABLE member_phones ("
  "  member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  position BIGINT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('mobile', 'home', 'work')),"
  "  number TEXT NOT NULL,"
  "  PRIMARY KEY (member_id, position)"
  ");"
  "CREATE TABLE pickup_persons ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  position BIGINT NOT NULL,"
  "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),"
  "  phone TEXT NOT NULL,"
  "  relation TEXT NOT NULL"
  ");"
  "CREATE INDEX pickup_persons_member ON pickup_persons (member_id, position);"
  "CREATE TABLE accounts ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  family_id BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,"
  "  member_id BIGINT NOT NULL UNIQUE REFERENCES members (id) ON DELETE CASCADE,"
  "  email TEXT NOT NULL"
  "    CHECK (email = " ASCII_LOWER ("email") " AND length (email) BETWEEN 3 AND 254),"
  "  password_hash TEXT,"
  "  failed_logins BIGINT NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),"
  "  locked_until BIGINT,"
  "  created_at BIGINT NOT NULL,"
  "  password_changed_at BIGINT,"
  "  UNIQUE (tenant_id, email)"
  ");"
  "CREATE INDEX accounts_family ON accounts (family_id);"
  "CREATE TABLE account_tokens ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),"
  "  token_hash TEXT NOT NULL UNIQUE CHECK (length (token_hash) = 64),"
  "  created_at BIGINT NOT NULL,"
  "  expires_at BIGINT NOT NULL,"
  "  used_at BIGINT"
  ");"
  "CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);"
  "CREATE TABLE sessions ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  token_hash TEXT NOT NULL UNIQUE CHECK (length (token_hash) = 64),"
  "  client TEXT NOT NULL CHECK (length (client) <= 100),"
  "  created_at BIGINT NOT NULL,"
  "  last_seen_at BIGINT NOT NULL,"
  "  expires_at BIGINT NOT NULL,"
  "  ended_at BIGINT,"
  "  end_reason TEXT CHECK (end_reason IN ('logout', 'expired', 'revoked'))"
  ");"
  "CREATE INDEX sessions_account ON sessions (account_id);"
  "CREATE TABLE connections ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,"
  "  at BIGINT NOT NULL,"
  "  success BIGINT NOT NULL CHECK (success IN (0, 1)),"
  "  result TEXT NOT NULL CHECK (result IN ('ok', 'bad_credentials', 'locked')),"
  "  client TEXT NOT NULL CHECK (length (client) <= 100)"
  ");"
  "CREATE INDEX connections_account ON connections (account_id, at);"
  "CREATE INDEX connections_tenant ON connections (tenant_id, at);"
  "CREATE TABLE outbox ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL"
  "    CONSTRAINT outbox_kind CHECK (kind IN ('invitation', 'password_reset', 'reservations')),"
  "  recipient TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  body TEXT,"
  "  created_at BIGINT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),"
  "  sent_at BIGINT"
  ");"
  "CREATE INDEX outbox_tenant ON outbox (tenant_id, id);",

  /* 3: activities, imported school holidays, enrolments, reservations,
   * planning versions and the reservations' audit log. Days are
   * "YYYY-MM-DD" text in the tenant's calendar; instants UTC Unix seconds.
   *
   * Reservations are by far the largest table, and mostly read and
   * billed by day over a school year (a day's list, a month's bill, a
   * year's planning); old school years are then only kept. They are
   * partitioned by school year (August 1st to July 31st; the day, text,
   * compares as a date does), so that a query on some days reads only
   * their year's partition, and an old year can be detached or dropped as
   * a whole. The primary key includes the day, as a partitioned table's
   * keys must. Years outside 2020-2040 go to the default partition: add a
   * year's partition before it fills (a partition can be split off the
   * default one with its rows). */
  "CREATE TABLE activities ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  service_id TEXT NOT NULL,"
  "  code TEXT NOT NULL CHECK (length (code) BETWEEN 1 AND 64),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  site TEXT NOT NULL,"
  "  weekdays BIGINT NOT NULL CHECK (weekdays BETWEEN 2 AND 254),"
  "  unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents >= 0),"
  "  deadline_days_before BIGINT CHECK (deadline_days_before BETWEEN 0 AND 60),"
  "  deadline_hour BIGINT CHECK (deadline_hour BETWEEN 0 AND 23),"
  "  deadline_minute BIGINT CHECK (deadline_minute BETWEEN 0 AND 59),"
  "  CHECK ((deadline_days_before IS NULL) = (deadline_hour IS NULL)"
  "     AND (deadline_hour IS NULL) = (deadline_minute IS NULL)),"
  "  UNIQUE (tenant_id, code),"
  "  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)"
  ");"
  "CREATE TABLE school_holidays ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  school_year TEXT NOT NULL,"
  "  zone TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  start_day TEXT NOT NULL CHECK (start_day ~ " DAY_RE "),"
  "  end_day TEXT NOT NULL CHECK (end_day ~ " DAY_RE "),"
  "  CHECK (start_day <= end_day)"
  ");"
  "CREATE INDEX school_holidays_by_tenant ON school_holidays (tenant_id, school_year);"
  "CREATE TABLE enrolments ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  activity_id BIGINT NOT NULL REFERENCES activities (id),"
  "  site TEXT NOT NULL,"
  "  first_day TEXT NOT NULL CHECK (first_day ~ " DAY_RE "),"
  "  last_day TEXT NOT NULL CHECK (last_day ~ " DAY_RE "),"
  "  created_at BIGINT NOT NULL,"
  "  CHECK (first_day <= last_day)"
  ");"
  "CREATE INDEX enrolments_by_member ON enrolments (member_id, activity_id, first_day);"
  "CREATE INDEX enrolments_by_activity ON enrolments (activity_id);"
  "CREATE TABLE reservations ("
  "  member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  activity_id BIGINT NOT NULL REFERENCES activities (id),"
  "  day TEXT NOT NULL CHECK (day ~ " DAY_RE "),"
  "  created_at BIGINT NOT NULL,"
  "  PRIMARY KEY (member_id, activity_id, day)"
  ") PARTITION BY RANGE (day);"
  RESERVATIONS_PARTITION (2020, 2021)
  RESERVATIONS_PARTITION (2021, 2022)
  RESERVATIONS_PARTITION (2022, 2023)
  RESERVATIONS_PARTITION (2023, 2024)
  RESERVATIONS_PARTITION (2024, 2025)
  RESERVATIONS_PARTITION (2025, 2026)
  RESERVATIONS_PARTITION (2026, 2027)
  RESERVATIONS_PARTITION (2027, 2028)
  RESERVATIONS_PARTITION (2028, 2029)
  RESERVATIONS_PARTITION (2029, 2030)
  RESERVATIONS_PARTITION (2030, 2031)
  RESERVATIONS_PARTITION (2031, 2032)
  RESERVATIONS_PARTITION (2032, 2033)
  RESERVATIONS_PARTITION (2033, 2034)
  RESERVATIONS_PARTITION (2034, 2035)
  RESERVATIONS_PARTITION (2035, 2036)
  RESERVATIONS_PARTITION (2036, 2037)
  RESERVATIONS_PARTITION (2037, 2038)
  RESERVATIONS_PARTITION (2038, 2039)
  RESERVATIONS_PARTITION (2039, 2040)
  RESERVATIONS_PARTITION (2040, 2041)
  "CREATE TABLE reservations_default PARTITION OF reservations DEFAULT;"
  "CREATE INDEX reservations_by_activity_day ON reservations (activity_id, day);"
  "CREATE TABLE planning_versions ("
  "  member_id BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,"
  "  version BIGINT NOT NULL CHECK (version >= 0)"
  ");"
  /* No foreign keys: the log outlives what it talks about. */
  "CREATE TABLE reservation_audit ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL,"
  "  account_id BIGINT,"
  "  at BIGINT NOT NULL,"
  "  member_id BIGINT NOT NULL,"
  "  activity_id BIGINT NOT NULL,"
  "  day TEXT NOT NULL,"
  "  reserved_before BIGINT NOT NULL CHECK (reserved_before IN (0, 1)),"
  "  reserved_after BIGINT NOT NULL CHECK (reserved_after IN (0, 1)),"
  "  channel TEXT NOT NULL CHECK (channel IN ('api', 'cli'))"
  ");"
  "CREATE INDEX reservation_audit_by_member ON reservation_audit (member_id, day);",

  /* 4: billing and payments. Invoices are issued documents: their lines
   * keep the child's name and the label as billed. A billing run per
   * tenant, month and service makes `bill` idempotent; invoice numbers
   * come from one sequence per tenant, prefix and billed month. Payments
   * (any channel) are allocated to invoices; only a paid payment reduces
   * balances. The outbox learns two kinds of mail (SQLite rebuilds it;
   * here its CHECK is replaced). Days are "YYYY-MM-DD" text, instants UTC
   * Unix seconds, money integer cents. */
  "ALTER TABLE services ADD COLUMN invoice_prefix TEXT"
  "  CHECK (invoice_prefix IS NULL OR (length (invoice_prefix) BETWEEN 1 AND 8"
  "         AND invoice_prefix ~ '^[0-9A-Za-z]*$'));"
  "ALTER TABLE tenants ADD COLUMN invoice_due_days BIGINT NOT NULL DEFAULT 30"
  "  CHECK (invoice_due_days BETWEEN 0 AND 365);"
  "ALTER TABLE tenants ADD COLUMN online_payment_enabled BIGINT NOT NULL DEFAULT 1"
  "  CHECK (online_payment_enabled IN (0, 1));"
  "ALTER TABLE tenants ADD COLUMN payment_iban TEXT;"
  "ALTER TABLE tenants ADD COLUMN payment_bic TEXT;"
  "CREATE TABLE billing_runs ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  month TEXT NOT NULL CHECK (month ~ '^[0-9]{4}-[0-1][0-9]$'),"
  "  service_id TEXT NOT NULL,"
  "  ran_at BIGINT NOT NULL,"
  "  n_invoices BIGINT NOT NULL CHECK (n_invoices >= 0),"
  "  total_cents BIGINT NOT NULL CHECK (total_cents >= 0),"
  "  UNIQUE (tenant_id, month, service_id)"
  ");"
  "CREATE TABLE invoice_sequences ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  prefix TEXT NOT NULL,"
  "  yymm TEXT NOT NULL CHECK (yymm ~ '^[0-9]{2}[0-1][0-9]$'),"
  "  last BIGINT NOT NULL CHECK (last BETWEEN 0 AND 99999),"
  "  PRIMARY KEY (tenant_id, prefix, yymm)"
  ");"
  "CREATE TABLE invoices ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  family_id BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,"
  "  number TEXT NOT NULL CHECK (length (number) BETWEEN 1 AND 32),"
  "  service_id TEXT NOT NULL,"
  "  billing_run_id BIGINT REFERENCES billing_runs (id) ON DELETE SET NULL,"
  "  issue_day TEXT NOT NULL CHECK (issue_day ~ " DAY_RE "),"
  "  period_start TEXT NOT NULL CHECK (period_start ~ " DAY_RE "),"
  "  period_end TEXT NOT NULL CHECK (period_end ~ " DAY_RE "),"
  "  label TEXT NOT NULL CHECK (length (label) BETWEEN 1 AND 200),"
  "  amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),"
  "  balance_cents BIGINT NOT NULL CHECK (balance_cents BETWEEN 0 AND amount_cents),"
  "  status TEXT NOT NULL CHECK (status IN ('to_pay', 'settled')),"
  "  due_day TEXT NOT NULL CHECK (due_day ~ " DAY_RE "),"
  "  created_at BIGINT NOT NULL,"
  "  CHECK ((status = 'settled') = (balance_cents = 0)),"
  "  CHECK (period_start <= period_end),"
  "  UNIQUE (tenant_id, number)"
  ");"
  "CREATE INDEX invoices_by_family ON invoices (family_id, issue_day);"
  "CREATE TABLE invoice_lines ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,"
  "  position BIGINT NOT NULL,"
  "  member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,"
  "  member_name TEXT NOT NULL,"
  "  activity_id BIGINT REFERENCES activities (id) ON DELETE SET NULL,"
  "  label TEXT NOT NULL CHECK (length (label) BETWEEN 1 AND 200),"
  "  quantity BIGINT NOT NULL CHECK (quantity > 0),"
  "  unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents >= 0),"
  "  amount_cents BIGINT NOT NULL CHECK (amount_cents = quantity * unit_price_cents),"
  "  UNIQUE (invoice_id, position)"
  ");"
  "CREATE TABLE payments ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  family_id BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,"
  "  channel TEXT NOT NULL"
  "    CHECK (channel IN ('online_card', 'cash', 'cheque', 'direct_debit', 'transfer')),"
  "  status TEXT NOT NULL"
  "    CHECK (status IN ('pending', 'paid', 'refused', 'cancelled', 'expired')),"
  "  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),"
  "  reference TEXT CHECK (reference IS NULL OR length (reference) BETWEEN 1 AND 64),"
  "  label TEXT NOT NULL CHECK (length (label) <= 200),"
  "  account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,"
  "  created_at BIGINT NOT NULL,"
  "  updated_at BIGINT NOT NULL,"
  "  paid_at BIGINT,"
  "  CHECK ((status = 'paid') = (paid_at IS NOT NULL))"
  ");"
  "CREATE INDEX payments_by_family ON payments (family_id, created_at);"
  "CREATE UNIQUE INDEX payments_by_reference ON payments (tenant_id, reference)"
  "  WHERE reference IS NOT NULL;"
  "CREATE TABLE payment_allocations ("
  "  payment_id BIGINT NOT NULL REFERENCES payments (id) ON DELETE CASCADE,"
  "  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,"
  "  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),"
  "  PRIMARY KEY (payment_id, invoice_id)"
  ");"
  "CREATE INDEX payment_allocations_by_invoice ON payment_allocations (invoice_id);"
  "ALTER TABLE outbox DROP CONSTRAINT outbox_kind,"
  "  ADD CONSTRAINT outbox_kind"
  "    CHECK (kind IN ('invitation', 'password_reset', 'reservations', 'invoice', 'payment'));",

  /* 5: online card payment through PayFiP. A tenant's PayFiP settings
   * (client number, saisie mode, which provider); the provider operation
   * of each online payment (its PayFiP parameters, idop, and the result
   * the provider confirmed); and the PayFiP simulator's own operations,
   * which a real PayFiP keeps on its side. */
  "CREATE TABLE payfip_settings ("
  "  tenant_id TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,"
  "  numcli TEXT NOT NULL UNIQUE CHECK (length (numcli) = 6 AND numcli ~ '^[0-9]*$'),"
  "  saisie TEXT NOT NULL CHECK (saisie IN ('T', 'X', 'W')),"
  "  provider TEXT NOT NULL CHECK (provider IN ('simulator'))"
  ");"
  "CREATE TABLE payment_operations ("
  "  payment_id BIGINT PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,"
  "  provider TEXT NOT NULL,"
  "  numcli TEXT NOT NULL,"
  "  exer TEXT NOT NULL CHECK (exer ~ '^[0-9]{4}$'),"
  "  refdet TEXT NOT NULL"
  "    CHECK (length (refdet) BETWEEN 1 AND 30 AND refdet ~ '^[0-9A-Za-z]*$'),"
  "  objet TEXT NOT NULL CHECK (length (objet) <= 100),"
  "  mel TEXT NOT NULL,"
  "  saisie TEXT NOT NULL CHECK (saisie IN ('T', 'X', 'W')),"
  "  idop TEXT UNIQUE,"
  "  provider_url TEXT,"
  "  expires_at BIGINT NOT NULL,"
  "  resultrans TEXT CHECK (resultrans IS NULL OR resultrans IN ('P', 'V', 'R', 'Z', 'A')),"
  "  result_at BIGINT,"
  "  late BIGINT NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),"
  "  refund_due BIGINT NOT NULL DEFAULT 0 CHECK (refund_due IN (0, 1)),"
  "  UNIQUE (numcli, refdet)"
  ");"
  "CREATE TABLE payfip_simulator_operations ("
  "  idop TEXT PRIMARY KEY,"
  "  numcli TEXT NOT NULL,"
  "  exer TEXT NOT NULL,"
  "  refdet TEXT NOT NULL,"
  "  objet TEXT NOT NULL,"
  "  montant BIGINT NOT NULL CHECK (montant > 0),"
  "  mel TEXT NOT NULL,"
  "  urlnotif TEXT NOT NULL,"
  "  urlredirect TEXT NOT NULL,"
  "  saisie TEXT NOT NULL,"
  "  created_at BIGINT NOT NULL,"
  "  expires_at BIGINT NOT NULL,"
  "  resultrans TEXT CHECK (resultrans IS NULL OR resultrans IN ('P', 'V', 'R', 'Z', 'A')),"
  "  numauto TEXT,"
  "  finished_at BIGINT,"
  "  UNIQUE (numcli, refdet)"
  ");",

  /* 6: a town's own settings (`configure`). Sites, and the sites where
   * each activity runs; school years, and those in which an activity is
   * open; the tenant's extra closed days; the rest of an activity's
   * deadline override (NULL: the tenant's), and the day from which it is
   * closed, its history kept. Prices have a start date: the price of a day
   * is the one with the latest start_day on or before it; the first price
   * of an activity starts on '0001-01-01' (always). activities.unit_price_cents
   * stays equal to the latest price. Sites and prices of the existing
   * activities are taken from their columns. */
  "CREATE TABLE sites ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL CHECK (length (code) BETWEEN 1 AND 64),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  address TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (tenant_id, code)"
  ");"
  "CREATE TABLE activity_sites ("
  "  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,"
  "  tenant_id TEXT NOT NULL,"
  "  site_code TEXT NOT NULL,"
  "  position BIGINT NOT NULL CHECK (position >= 0),"
  "  PRIMARY KEY (activity_id, site_code),"
  "  FOREIGN KEY (tenant_id, site_code) REFERENCES sites (tenant_id, code)"
  ");"
  "CREATE INDEX activity_sites_by_site ON activity_sites (tenant_id, site_code);"
  "CREATE TABLE school_years ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL CHECK (code ~ '^[0-9]{4}-[0-9]{4}$'),"
  "  first_day TEXT NOT NULL CHECK (first_day ~ " DAY_RE "),"
  "  last_day TEXT NOT NULL CHECK (last_day ~ " DAY_RE "),"
  "  zone TEXT NOT NULL DEFAULT '',"
  "  CHECK (first_day <= last_day),"
  "  PRIMARY KEY (tenant_id, code)"
  ");"
  "CREATE TABLE activity_school_years ("
  "  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,"
  "  tenant_id TEXT NOT NULL,"
  "  school_year TEXT NOT NULL,"
  "  PRIMARY KEY (activity_id, school_year),"
  "  FOREIGN KEY (tenant_id, school_year) REFERENCES school_years (tenant_id, code)"
  ");"
  "CREATE INDEX activity_school_years_by_year ON activity_school_years (tenant_id, school_year);"
  "CREATE TABLE closed_days ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  day TEXT NOT NULL CHECK (day ~ " DAY_RE "),"
  "  reason TEXT NOT NULL CHECK (length (reason) BETWEEN 1 AND 200),"
  "  PRIMARY KEY (tenant_id, day)"
  ");"
  "CREATE TABLE activity_prices ("
  "  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,"
  "  start_day TEXT NOT NULL CHECK (start_day ~ " DAY_RE "),"
  "  price_cents BIGINT NOT NULL CHECK (price_cents >= 0),"
  "  PRIMARY KEY (activity_id, start_day)"
  ");"
  "ALTER TABLE activities ADD COLUMN deadline_counted_weekdays BIGINT"
  "  CHECK (deadline_counted_weekdays IS NULL OR deadline_counted_weekdays BETWEEN 2 AND 254);"
  "ALTER TABLE activities ADD COLUMN deadline_skip_public_holidays BIGINT"
  "  CHECK (deadline_skip_public_holidays IS NULL OR deadline_skip_public_holidays IN (0, 1));"
  "ALTER TABLE activities ADD COLUMN deadline_skip_school_holidays BIGINT"
  "  CHECK (deadline_skip_school_holidays IS NULL OR deadline_skip_school_holidays IN (0, 1));"
  "ALTER TABLE activities ADD COLUMN closed_from TEXT"
  "  CHECK (closed_from IS NULL OR closed_from ~ " DAY_RE ");"
  "INSERT INTO activity_prices (activity_id, start_day, price_cents)"
  "  SELECT id, '0001-01-01', unit_price_cents FROM activities;"
  "INSERT INTO sites (tenant_id, code, name)"
  "  SELECT tenant_id, 'site-' || min (id), site FROM activities WHERE site <> ''"
  "   GROUP BY tenant_id, site;"
  "INSERT INTO activity_sites (activity_id, tenant_id, site_code, position)"
  "  SELECT a.id, a.tenant_id, s.code, 0 FROM activities a"
  "    JOIN sites s ON s.tenant_id = a.tenant_id AND s.name = a.site;",

  /* 7: the town hall's staff. An account is a parent's (of a family
   * member, as before) or a staff member's: an agent with a name and no
   * family, whose roles are services of the tenant or "admin". What an
   * agent does for a family is audited (staff_audit: who, for which
   * family, what, the JSON before and after, from the counter or on the
   * phone; no foreign keys: the log outlives what it talks about). A
   * reservation made past its deadline by an agent's override says when,
   * and whether it is billed (NULL: as the tenant's bill_overrides says
   * when the month is billed). A payment recorded by an agent keeps the
   * cheque's number, its receipt's number (one sequence per tenant and
   * year) and the agent's name; a cancelled payment keeps when, why, and
   * when it had been paid.
   *
   * The accounts are rebuilt as on SQLite, since kind and name come
   * between columns that were there: the identity continues after the
   * copied ids, the new table takes the old one's names (of its sequence
   * and constraints), and the foreign keys to it, dropped with the old
   * table, are made again. json_valid () is ef_json_valid (). */
  "CREATE OR REPLACE FUNCTION ef_json_valid (t TEXT) RETURNS BOOLEAN"
  "  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE"
  "  AS $$"
  "  BEGIN"
  "    PERFORM t::json;"
  "    RETURN TRUE;"
  "  EXCEPTION WHEN others THEN"
  "    RETURN FALSE;"
  "  END"
  "  $$;"
  "CREATE TABLE accounts_7 ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL DEFAULT 'parent' CHECK (kind IN ('parent', 'staff')),"
  "  family_id BIGINT REFERENCES families (id) ON DELETE CASCADE,"
  "  member_id BIGINT UNIQUE REFERENCES members (id) ON DELETE CASCADE,"
  "  name TEXT CHECK (name IS NULL OR length (name) BETWEEN 1 AND 200),"
  "  email TEXT NOT NULL"
  "    CHECK (email = " ASCII_LOWER ("email") " AND length (email) BETWEEN 3 AND 254),"
  "  password_hash TEXT,"
  "  failed_logins BIGINT NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),"
  "  locked_until BIGINT,"
  "  created_at BIGINT NOT NULL,"
  "  password_changed_at BIGINT,"
  "  CHECK ((kind = 'parent') = (family_id IS NOT NULL AND member_id IS NOT NULL)),"
  "  CHECK ((kind = 'staff') = (name IS NOT NULL)),"
  "  UNIQUE (tenant_id, email)"
  ");"
  "INSERT INTO accounts_7 (id, tenant_id, kind, family_id, member_id, email, password_hash,"
  "  failed_logins, locked_until, created_at, password_changed_at)"
  "  SELECT id, tenant_id, 'parent', family_id, member_id, email, password_hash,"
  "         failed_logins, locked_until, created_at, password_changed_at FROM accounts;"
  "SELECT setval (pg_get_serial_sequence ('accounts_7', 'id'),"
  "               coalesce ((SELECT max (id) FROM accounts_7), 0) + 1, FALSE);"
  "DROP TABLE accounts CASCADE;"
  "ALTER TABLE accounts_7 RENAME TO accounts;"
  "ALTER SEQUENCE accounts_7_id_seq RENAME TO accounts_id_seq;"
  "DO $$"
  "DECLARE"
  "  c RECORD;"
  "BEGIN"
  "  FOR c IN SELECT conname FROM pg_constraint"
  "            WHERE conrelid = 'accounts'::regclass AND conname LIKE 'accounts\\_7\\_%'"
  "  LOOP"
  "    EXECUTE format ('ALTER TABLE accounts RENAME CONSTRAINT %I TO %I',"
  "                    c.conname, 'accounts_' || substr (c.conname, 12));"
  "  END LOOP;"
  "END"
  "$$;"
  "ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_account_id_fkey"
  "  FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;"
  "ALTER TABLE sessions ADD CONSTRAINT sessions_account_id_fkey"
  "  FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;"
  "ALTER TABLE connections ADD CONSTRAINT connections_account_id_fkey"
  "  FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL;"
  "ALTER TABLE payments ADD CONSTRAINT payments_account_id_fkey"
  "  FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL;"
  "CREATE INDEX accounts_family ON accounts (family_id);"
  "CREATE TABLE staff_roles ("
  "  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (length (role) BETWEEN 1 AND 64),"
  "  PRIMARY KEY (account_id, role)"
  ");"
  "CREATE TABLE staff_audit ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL,"
  "  at BIGINT NOT NULL,"
  "  agent_id BIGINT,"
  "  agent_name TEXT NOT NULL,"
  "  agent_email TEXT NOT NULL,"
  "  family_id BIGINT,"
  "  action TEXT NOT NULL CHECK (length (action) BETWEEN 1 AND 64),"
  "  target TEXT NOT NULL,"
  "  before TEXT CHECK (before IS NULL OR ef_json_valid (before)),"
  "  after TEXT CHECK (after IS NULL OR ef_json_valid (after)),"
  "  via TEXT CHECK (via IS NULL OR via IN ('counter', 'phone'))"
  ");"
  "CREATE INDEX staff_audit_by_family ON staff_audit (family_id, at);"
  "CREATE INDEX staff_audit_by_tenant ON staff_audit (tenant_id, at);"
  "ALTER TABLE tenants ADD COLUMN bill_overrides BIGINT NOT NULL DEFAULT 1"
  "  CHECK (bill_overrides IN (0, 1));"
  /* On the partitioned table: its partitions have them too. */
  "ALTER TABLE reservations ADD COLUMN override_at BIGINT;"
  "ALTER TABLE reservations ADD COLUMN override_billed BIGINT"
  "  CHECK (override_billed IS NULL OR override_billed IN (0, 1));"
  "ALTER TABLE payments ADD COLUMN cheque_number TEXT"
  "  CHECK (cheque_number IS NULL OR length (cheque_number) BETWEEN 1 AND 32);"
  "ALTER TABLE payments ADD COLUMN receipt_number TEXT;"
  "ALTER TABLE payments ADD COLUMN agent_name TEXT;"
  "ALTER TABLE payments ADD COLUMN cancelled_at BIGINT;"
  "ALTER TABLE payments ADD COLUMN cancel_reason TEXT"
  "  CHECK (cancel_reason IS NULL OR length (cancel_reason) BETWEEN 1 AND 200);"
  "ALTER TABLE payments ADD COLUMN cancelled_paid_at BIGINT;"
  "CREATE UNIQUE INDEX payments_by_receipt ON payments (tenant_id, receipt_number)"
  "  WHERE receipt_number IS NOT NULL;"
  "CREATE TABLE receipt_sequences ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  year BIGINT NOT NULL CHECK (year BETWEEN 2000 AND 2099),"
  "  last BIGINT NOT NULL CHECK (last BETWEEN 0 AND 99999),"
  "  PRIMARY KEY (tenant_id, year)"
  ");",

  /* 8: sign-in and password-reset throttling. auth_attempts keeps each
   * failed sign-in by normalised e-mail (whether an account has it or
   * not) and by client address, and each password-reset request by e-mail
   * and by address, for counting over a sliding window; rows older than a
   * day are pruned as new ones come. login_locks holds the lock of an
   * e-mail, account or not, so that an unknown e-mail locks like a known
   * one; the accounts' failed_logins and locked_until only mirror it for
   * the staff. The locks of the accounts are carried over. */
  "CREATE TABLE auth_attempts ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL"
  "    CHECK (kind IN ('login_email', 'login_address', 'reset_email', 'reset_address')),"
  "  key TEXT NOT NULL,"
  "  at BIGINT NOT NULL"
  ");"
  "CREATE INDEX auth_attempts_by_key ON auth_attempts (tenant_id, kind, key, at);"
  "CREATE INDEX auth_attempts_by_age ON auth_attempts (tenant_id, at);"
  "CREATE TABLE login_locks ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  email TEXT NOT NULL,"
  "  locked_until BIGINT NOT NULL,"
  "  PRIMARY KEY (tenant_id, email)"
  ");"
  "INSERT INTO login_locks (tenant_id, email, locked_until)"
  "  SELECT tenant_id, email, locked_until FROM accounts WHERE locked_until IS NOT NULL;",

  /* 9: an agent acting in a family's own pages. A staff session may open
   * a session of its own "on behalf of" one family (family_id), how the
   * family reached the town hall (via), and ends with the agent's session
   * that opened it (parent_id). */
  "ALTER TABLE sessions ADD COLUMN family_id BIGINT"
  "  REFERENCES families (id) ON DELETE CASCADE;"
  "ALTER TABLE sessions ADD COLUMN parent_id BIGINT"
  "  REFERENCES sessions (id) ON DELETE CASCADE;"
  "ALTER TABLE sessions ADD COLUMN via TEXT"
  "  CHECK (via IS NULL OR via IN ('counter', 'phone'));"
  "CREATE INDEX sessions_parent ON sessions (parent_id) WHERE parent_id IS NOT NULL;",

  /* 10: reminders by e-mail. A tenant offers them (email_reminders); a
   * parent asks for them (account_reminders: which, and how many hours
   * before a deadline); reminders_sent keeps what each account was sent,
   * so that `remind` never sends the same reminder twice. The outbox
   * learns the kind "reminder" (SQLite rebuilds it; here its CHECK is
   * replaced). */
  "ALTER TABLE tenants ADD COLUMN email_reminders BIGINT NOT NULL DEFAULT 0"
  "  CHECK (email_reminders IN (0, 1));"
  "CREATE TABLE account_reminders ("
  "  account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,"
  "  deadlines BIGINT NOT NULL CHECK (deadlines IN (0, 1)),"
  "  due_dates BIGINT NOT NULL CHECK (due_dates IN (0, 1)),"
  "  hours_before BIGINT NOT NULL CHECK (hours_before BETWEEN 1 AND 168),"
  "  updated_at BIGINT NOT NULL"
  ");"
  "CREATE TABLE reminders_sent ("
  "  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL CHECK (length (key) BETWEEN 1 AND 200),"
  "  sent_at BIGINT NOT NULL,"
  "  PRIMARY KEY (account_id, key)"
  ");"
  "ALTER TABLE outbox DROP CONSTRAINT outbox_kind,"
  "  ADD CONSTRAINT outbox_kind"
  "    CHECK (kind IN ('invitation', 'password_reset', 'reservations', 'invoice', 'payment',"
  "                    'reminder'));",

  /* 11: the test clock (`serve --test-clock`), here so that every process
   * serving the database — workers, instances — reads the same time. One
   * row; its id is an identity as SQLite's rowid alias would be (1). */
  "CREATE TABLE test_clock ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY CHECK (id = 1),"
  "  now_us BIGINT NOT NULL"
  ");"
  /* Whatever changes what the planning rules are made of — a server, a
   * command, another instance, an operator in psql — bumps the serial that
   * the servers' caches of rules compare (SQLite's PRAGMA data_version
   * does that there). */
  /* Lower case for A to Z only, as SQLite's lower() (and the server's
   * g_ascii_strdown()) do: e-mails compare alike on both engines. */
  "CREATE FUNCTION ef_ascii_lower (t TEXT) RETURNS TEXT"
  "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
  "  SELECT translate (t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') $$;"
  "CREATE FUNCTION ef_rules_changed () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  UPDATE ef_schema SET settings_serial = settings_serial + 1;"
  "  RETURN NULL;"
  "END $$;"
  "CREATE TRIGGER tenants_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER services_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER sites_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER activities_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activities"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER activity_prices_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_prices"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER activity_sites_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_sites"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER activity_school_years_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_school_years"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER closed_days_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closed_days"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER school_years_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON school_years"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();"
  "CREATE TRIGGER school_holidays_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON school_holidays"
  "  FOR EACH STATEMENT EXECUTE FUNCTION ef_rules_changed ();",

  /* 12: remembered devices (store/ef-store-devices.h), as on SQLite. */
  "CREATE TABLE devices ("
  "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  chain_id BIGINT,"
  "  token_hash TEXT NOT NULL UNIQUE CHECK (length (token_hash) = 64),"
  "  password_stamp TEXT NOT NULL CHECK (length (password_stamp) = 64),"
  "  client TEXT NOT NULL CHECK (length (client) <= 100),"
  "  chain_started_at BIGINT NOT NULL,"
  "  created_at BIGINT NOT NULL,"
  "  expires_at BIGINT NOT NULL,"
  "  spent_at BIGINT"
  ");"
  "CREATE INDEX devices_account ON devices (account_id);"
  "CREATE INDEX devices_chain ON devices (chain_id);"
  "ALTER TABLE sessions ADD COLUMN device_id BIGINT"
  "  REFERENCES devices (id) ON DELETE SET NULL;"
  "CREATE INDEX sessions_device ON sessions (device_id) WHERE device_id IS NOT NULL;",
};

const guint _ef_store_n_pg_migrations = G_N_ELEMENTS (_ef_store_pg_migrations);
