/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-migrations.c: the database schema, one step per version
 *
 * Append only: a released migration never changes. Each runs in its own
 * transaction together with the PRAGMA user_version bump.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-store-private.h"

const char * const _ef_store_migrations[] = {
  /* 1: tenants (municipalities) with their deadline policy, and services. */
  "CREATE TABLE tenants ("
  "  id TEXT PRIMARY KEY"
  "    CHECK (length (id) BETWEEN 1 AND 32 AND id NOT GLOB '*[^0-9A-Za-z]*'),"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  contact TEXT NOT NULL,"
  "  time_zone TEXT NOT NULL,"
  "  deadline_days_before INTEGER NOT NULL CHECK (deadline_days_before BETWEEN 0 AND 60),"
  "  deadline_hour INTEGER NOT NULL CHECK (deadline_hour BETWEEN 0 AND 23),"
  "  deadline_minute INTEGER NOT NULL CHECK (deadline_minute BETWEEN 0 AND 59),"
  "  deadline_counted_weekdays INTEGER NOT NULL"
  "    CHECK (deadline_counted_weekdays BETWEEN 1 AND 254),"
  "  deadline_skip_public_holidays INTEGER NOT NULL"
  "    CHECK (deadline_skip_public_holidays IN (0, 1)),"
  "  deadline_skip_school_holidays INTEGER NOT NULL"
  "    CHECK (deadline_skip_school_holidays IN (0, 1)),"
  "  created_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ") STRICT;"
  "CREATE TABLE services ("
  "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL CHECK (length (id) BETWEEN 1 AND 64),"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  description TEXT NOT NULL,"
  "  PRIMARY KEY (tenant_id, id),"
  "  UNIQUE (tenant_id, position)"
  ") STRICT;",
};

const guint _ef_store_n_migrations = G_N_ELEMENTS (_ef_store_migrations);
