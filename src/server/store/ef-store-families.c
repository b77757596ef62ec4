/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-families.c: families, members and pick-up persons in the database */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "ef-store-private.h"
#include "ef-store-families.h"

static gboolean
append_phone (EfDbStmt  *stmt,
              gpointer   user_data,
              GError   **error)
{
  EfPhone *phone = g_new0 (EfPhone, 1);

  phone->kind = _ef_store_column_dup_or_null (stmt, 0);
  phone->number = _ef_store_column_dup_or_null (stmt, 1);
  g_ptr_array_add (user_data, phone);
  return TRUE;
}

static gboolean
append_pickup_person (EfDbStmt  *stmt,
                      gpointer   user_data,
                      GError   **error)
{
  EfPickupPerson *person = g_new0 (EfPickupPerson, 1);

  person->id = ef_db_column_int64 (stmt, 0);
  person->name = _ef_store_column_dup_or_null (stmt, 1);
  person->phone = _ef_store_column_dup_or_null (stmt, 2);
  person->relation = _ef_store_column_dup_or_null (stmt, 3);
  g_ptr_array_add (user_data, person);
  return TRUE;
}

typedef struct {
  EfStore  *store;
  EfFamily *family;
} LoadMembers;

/* A member with its phones and pick-up persons. */
static gboolean
append_member (EfDbStmt  *stmt,
               gpointer   user_data,
               GError   **error)
{
  LoadMembers *load = user_data;
  EfMember *member = ef_member_new ();

  g_ptr_array_add (load->family->members, member);
  member->id = ef_db_column_int64 (stmt, 0);
  member->reference = _ef_store_column_dup_or_null (stmt, 1);
  member->role = _ef_store_column_dup_or_null (stmt, 2);
  member->first_name = _ef_store_column_dup_or_null (stmt, 3);
  member->last_name = _ef_store_column_dup_or_null (stmt, 4);
  member->birth_date = _ef_store_column_dup_or_null (stmt, 5);
  if (ef_db_column_type (stmt, 6) != EF_DB_TYPE_NULL)
    {
      member->address = g_new0 (EfAddress, 1);
      member->address->line1 = _ef_store_column_dup_or_null (stmt, 6);
      member->address->line2 = _ef_store_column_dup_or_null (stmt, 7);
      member->address->postal_code = _ef_store_column_dup_or_null (stmt, 8);
      member->address->city = _ef_store_column_dup_or_null (stmt, 9);
    }
  member->email = _ef_store_column_dup_or_null (stmt, 10);
  member->caf_number = _ef_store_column_dup_or_null (stmt, 11);

  return _ef_store_for_each_row_of (load->store,
                                    "SELECT kind, number FROM member_phones"
                                    " WHERE member_id = ?1 ORDER BY position",
                                    member->id, append_phone, member->phones,
                                    "loading phones", error) &&
         _ef_store_for_each_row_of (load->store,
                                    "SELECT id, name, phone, relation FROM pickup_persons"
                                    " WHERE member_id = ?1 ORDER BY position",
                                    member->id, append_pickup_person, member->pickup_persons,
                                    "loading pick-up persons", error);
}

static gboolean
load_members (EfStore   *self,
              EfFamily  *family,
              GError   **error)
{
  LoadMembers load = { self, family };

  return _ef_store_for_each_row_of (self,
                                    "SELECT id, reference, role, first_name, last_name, birth_date,"
                                    "       address_line1, address_line2, postal_code, city,"
                                    "       email, caf_number"
                                    "  FROM members WHERE family_id = ?1 ORDER BY position, id",
                                    family->id, append_member, &load,
                                    "loading members", error);
}

static gboolean
replace_phones (EfStore   *self,
                EfMember  *member,
                GError   **error)
{
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) insert = NULL;

  clear = _ef_store_prepare (self, "DELETE FROM member_phones WHERE member_id = ?1", error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO member_phones (member_id, position, kind, number)"
                              " VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (clear == NULL || insert == NULL)
    return FALSE;

  ef_db_bind_int64 (clear, 1, member->id);
  if (!_ef_store_step_done (self, clear, "saving phones", error))
    return FALSE;

  for (guint i = 0; i < member->phones->len; i++)
    {
      const EfPhone *phone = g_ptr_array_index (member->phones, i);

      ef_db_reset (insert);
      ef_db_bind_int64 (insert, 1, member->id);
      ef_db_bind_int64 (insert, 2, i);
      ef_db_bind_text (insert, 3, phone->kind, -1);
      ef_db_bind_text (insert, 4, phone->number, -1);
      if (!_ef_store_step_done (self, insert, "saving a phone", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
replace_pickup_persons (EfStore   *self,
                        EfMember  *member,
                        GError   **error)
{
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(EfDbStmt) insert_new = NULL;

  clear = _ef_store_prepare (self, "DELETE FROM pickup_persons WHERE member_id = ?1", error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO pickup_persons (id, member_id, position, name, phone, relation)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                              error);
  insert_new = _ef_store_prepare (self,
                                  "INSERT INTO pickup_persons (member_id, position, name, phone, relation)"
                                  " VALUES (?2, ?3, ?4, ?5, ?6) RETURNING id",
                                  error);
  if (clear == NULL || insert == NULL || insert_new == NULL)
    return FALSE;

  ef_db_bind_int64 (clear, 1, member->id);
  if (!_ef_store_step_done (self, clear, "saving pick-up persons", error))
    return FALSE;

  /* Kept persons keep their id; new ones get one. */
  for (guint i = 0; i < member->pickup_persons->len; i++)
    {
      EfPickupPerson *person = g_ptr_array_index (member->pickup_persons, i);
      EfDbStmt *stmt = person->id > 0 ? insert : insert_new;

      ef_db_reset (stmt);
      if (person->id > 0)
        ef_db_bind_int64 (stmt, 1, person->id);
      ef_db_bind_int64 (stmt, 2, member->id);
      ef_db_bind_int64 (stmt, 3, i);
      ef_db_bind_text (stmt, 4, person->name, -1);
      ef_db_bind_text (stmt, 5, person->phone, -1);
      ef_db_bind_text (stmt, 6, person->relation, -1);
      person->id = _ef_store_step_insert (self, stmt, "saving a pick-up person", error);
      if (person->id == 0)
        return FALSE;
    }
  return TRUE;
}

static void
bind_address (EfDbStmt    *stmt,
              int              first,
              const EfAddress *address)
{
  _ef_store_bind_text_or_null (stmt, first, address ? address->line1 : NULL);
  _ef_store_bind_text_or_null (stmt, first + 1, address ? (address->line2 ? address->line2 : "") : NULL);
  _ef_store_bind_text_or_null (stmt, first + 2, address ? address->postal_code : NULL);
  _ef_store_bind_text_or_null (stmt, first + 3, address ? address->city : NULL);
}

/* Inserts @member (id 0) or updates every field of it. */
static gboolean
save_member (EfStore   *self,
             gint64     family_id,
             EfMember  *member,
             guint      position,
             gint64     now,
             GError   **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  if (member->id == 0)
    stmt = _ef_store_prepare (self,
                              "INSERT INTO members (family_id, reference, position, role,"
                              "  first_name, last_name, birth_date,"
                              "  address_line1, address_line2, postal_code, city,"
                              "  email, caf_number, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                              " RETURNING id",
                              error);
  else
    stmt = _ef_store_prepare (self,
                              "UPDATE members SET reference = ?2, position = ?3, role = ?4,"
                              "  first_name = ?5, last_name = ?6, birth_date = ?7,"
                              "  address_line1 = ?8, address_line2 = ?9, postal_code = ?10, city = ?11,"
                              "  email = ?12, caf_number = ?13, updated_at = ?14"
                              " WHERE family_id = ?1 AND id = ?15",
                              error);
  if (stmt == NULL)
    return FALSE;

  ef_db_bind_int64 (stmt, 1, family_id);
  _ef_store_bind_text_or_null (stmt, 2, member->reference);
  ef_db_bind_int64 (stmt, 3, position);
  ef_db_bind_text (stmt, 4, member->role, -1);
  ef_db_bind_text (stmt, 5, member->first_name, -1);
  ef_db_bind_text (stmt, 6, member->last_name, -1);
  ef_db_bind_text (stmt, 7, member->birth_date, -1);
  bind_address (stmt, 8, member->address);
  _ef_store_bind_text_or_null (stmt, 12, member->email);
  _ef_store_bind_text_or_null (stmt, 13, member->caf_number);
  ef_db_bind_int64 (stmt, 14, now);
  if (member->id != 0)
    ef_db_bind_int64 (stmt, 15, member->id);

  if (member->id == 0)
    member->id = _ef_store_step_insert (self, stmt, "saving a member", error);
  else if (!_ef_store_step_done (self, stmt, "saving a member", error))
    return FALSE;
  if (member->id == 0)
    return FALSE;

  return replace_phones (self, member, error) && replace_pickup_persons (self, member, error);
}

static gint64
find_family_by_reference (EfStore     *self,
                          const char  *tenant_id,
                          const char  *reference,
                          GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare (self,
                            "SELECT id FROM families WHERE tenant_id = ?1 AND reference = ?2",
                            error);
  if (stmt == NULL)
    return -1;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, reference, -1);
  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    return ef_db_column_int64 (stmt, 0);
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "finding a family");
      return -1;
    }
  return 0;
}

/* Gives the members of @family that match a stored member of @family_id by
 * reference that member's id, and removes the stored members that match
 * none. */
static gboolean
match_stored_members (EfStore   *self,
                      EfFamily  *family,
                      GError   **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfDbStmt) remove = NULL;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = _ef_store_prepare (self, "SELECT id, reference FROM members WHERE family_id = ?1", error);
  remove = _ef_store_prepare (self, "DELETE FROM members WHERE family_id = ?1 AND id = ?2", error);
  if (stmt == NULL || remove == NULL)
    return FALSE;

  ef_db_bind_int64 (stmt, 1, family->id);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      gint64 id = ef_db_column_int64 (stmt, 0);
      const char *reference = (const char *) ef_db_column_text (stmt, 1);
      gboolean kept = FALSE;

      for (guint i = 0; reference != NULL && i < family->members->len && !kept; i++)
        {
          EfMember *member = g_ptr_array_index (family->members, i);

          if (g_strcmp0 (member->reference, reference) == 0)
            {
              member->id = id;
              kept = TRUE;
            }
        }
      if (!kept)
        g_array_append_val (gone, id);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "matching members");
      return FALSE;
    }

  for (guint i = 0; i < gone->len; i++)
    {
      ef_db_reset (remove);
      ef_db_bind_int64 (remove, 1, family->id);
      ef_db_bind_int64 (remove, 2, g_array_index (gone, gint64, i));
      if (!_ef_store_step_done (self, remove, "removing a member", error))
        return FALSE;
    }
  return TRUE;
}

EfFamily *
ef_store_load_family (EfStore     *self,
                      const char  *tenant_id,
                      gint64       family_id,
                      GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfFamily) family = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT reference, name, address_line1, address_line2, postal_code, city"
                            "  FROM families WHERE tenant_id = ?1 AND id = ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, family_id);
  rc = _ef_store_step (self, stmt, "loading a family", error);
  if (rc == EF_DB_DONE)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such family");
      return NULL;
    }
  if (rc != EF_DB_ROW)
    return NULL;

  family = ef_family_new ();
  family->id = family_id;
  family->reference = _ef_store_column_dup_or_null (stmt, 0);
  family->name = _ef_store_column_dup_or_null (stmt, 1);
  family->address = g_new0 (EfAddress, 1);
  family->address->line1 = _ef_store_column_dup_or_null (stmt, 2);
  family->address->line2 = _ef_store_column_dup_or_null (stmt, 3);
  family->address->postal_code = _ef_store_column_dup_or_null (stmt, 4);
  family->address->city = _ef_store_column_dup_or_null (stmt, 5);

  if (!load_members (self, family, error))
    return NULL;
  return g_steal_pointer (&family);
}

/* ef_store_save_family() inside the caller's transaction. */
static gboolean
save_family (EfStore     *self,
             const char  *tenant_id,
             EfFamily    *family,
             gboolean     replace,
             gint64       now,
             GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  gint64 existing = 0;

  if (family->reference != NULL)
    {
      existing = find_family_by_reference (self, tenant_id, family->reference, error);
      if (existing < 0)
        return FALSE;
      if (existing > 0 && !replace)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "A family with the reference '%s' exists already", family->reference);
          return FALSE;
        }
    }

  if (existing > 0)
    {
      stmt = _ef_store_prepare (self,
                                "UPDATE families SET name = ?3, address_line1 = ?4, address_line2 = ?5,"
                                "  postal_code = ?6, city = ?7, updated_at = ?8"
                                " WHERE tenant_id = ?1 AND id = ?2",
                                error);
      if (stmt == NULL)
        return FALSE;
      ef_db_bind_int64 (stmt, 2, existing);
    }
  else
    {
      stmt = _ef_store_prepare (self,
                                "INSERT INTO families (tenant_id, reference, name, address_line1,"
                                "  address_line2, postal_code, city, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id",
                                error);
      if (stmt == NULL)
        return FALSE;
      _ef_store_bind_text_or_null (stmt, 2, family->reference);
    }
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 3, family->name, -1);
  bind_address (stmt, 4, family->address);
  ef_db_bind_int64 (stmt, 8, now);
  if (existing > 0)
    family->id = _ef_store_step_done (self, stmt, "saving a family", error) ? existing : 0;
  else
    family->id = _ef_store_step_insert (self, stmt, "saving a family", error);
  if (family->id == 0)
    return FALSE;
  for (guint i = 0; i < family->members->len; i++)
    ((EfMember *) g_ptr_array_index (family->members, i))->id = 0;
  if (existing > 0 && !match_stored_members (self, family, error))
    return FALSE;

  for (guint i = 0; i < family->members->len; i++)
    {
      EfMember *member = g_ptr_array_index (family->members, i);

      /* A replaced family's pick-up persons are new ones. */
      for (guint j = 0; j < member->pickup_persons->len; j++)
        ((EfPickupPerson *) g_ptr_array_index (member->pickup_persons, j))->id = 0;
      if (!save_member (self, family->id, member, i, now, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ef_store_save_family (EfStore     *self,
                      const char  *tenant_id,
                      EfFamily    *family,
                      gboolean     replace,
                      gint64       now,
                      GError     **error)
{
  g_autoptr(GPtrArray) families = g_ptr_array_new ();

  g_return_val_if_fail (family != NULL, FALSE);

  g_ptr_array_add (families, family);
  return ef_store_save_families (self, tenant_id, families, replace, now, error);
}

gboolean
ef_store_save_families (EfStore     *self,
                        const char  *tenant_id,
                        GPtrArray   *families,
                        gboolean     replace,
                        gint64       now,
                        GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (families != NULL, FALSE);
  for (guint i = 0; i < families->len; i++)
    g_return_val_if_fail (((EfFamily *) g_ptr_array_index (families, i))->address != NULL, FALSE);

  if (!_ef_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < families->len; i++)
    if (!save_family (self, tenant_id, g_ptr_array_index (families, i), replace, now, error))
      goto fail;

  if (!_ef_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

/* A table filled by @add from the rows of @sql, whose ?1 is @tenant_id. */
static GHashTable *
read_tenant_table (EfStore         *self,
                   const char      *tenant_id,
                   const char      *sql,
                   EfStoreRowFunc   add,
                   GDestroyNotify   value_free,
                   const char      *what,
                   GError         **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, sql, error);
  g_autoptr(GHashTable) table = NULL;

  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  if (!_ef_store_for_each_row (self, stmt, add, table, what, error))
    return NULL;
  return g_steal_pointer (&table);
}

static gboolean
add_reference (EfDbStmt  *stmt,
               gpointer   user_data,
               GError   **error)
{
  g_hash_table_add (user_data, _ef_store_column_dup (stmt, 0));
  return TRUE;
}

GHashTable *
ef_store_list_family_references (EfStore     *self,
                                 const char  *tenant_id,
                                 GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  return read_tenant_table (self, tenant_id,
                            "SELECT reference FROM families"
                            " WHERE tenant_id = ?1 AND reference IS NOT NULL",
                            add_reference, NULL, "listing families", error);
}

/* E-mail (lower case) → the reference of its family. */
static gboolean
add_email (EfDbStmt  *stmt,
           gpointer   user_data,
           GError   **error)
{
  g_hash_table_replace (user_data, _ef_store_column_dup (stmt, 0), _ef_store_column_dup (stmt, 1));
  return TRUE;
}

GHashTable *
ef_store_list_member_emails (EfStore     *self,
                             const char  *tenant_id,
                             GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  return read_tenant_table (self, tenant_id,
                            "SELECT ef_ascii_lower (m.email), coalesce (f.reference, '')"
                            "  FROM members m JOIN families f ON f.id = m.family_id"
                            " WHERE f.tenant_id = ?1 AND m.email IS NOT NULL",
                            add_email, g_free, "listing e-mails", error);
}

/* Writes @member's address, e-mail, CAF number, phones and pick-up
 * persons; with @identity, also its names and birth date. */
static gboolean
update_member (EfStore   *self,
               gint64     family_id,
               EfMember  *member,
               gboolean   identity,
               gint64     now,
               GError   **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  gboolean owned;

  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;

  stmt = _ef_store_prepare (self,
                            identity
                            ? "UPDATE members SET address_line1 = ?3, address_line2 = ?4,"
                              "  postal_code = ?5, city = ?6, email = ?7, caf_number = ?8,"
                              "  updated_at = ?9, first_name = ?10, last_name = ?11, birth_date = ?12"
                              " WHERE family_id = ?1 AND id = ?2"
                            : "UPDATE members SET address_line1 = ?3, address_line2 = ?4,"
                              "  postal_code = ?5, city = ?6, email = ?7, caf_number = ?8,"
                              "  updated_at = ?9"
                              " WHERE family_id = ?1 AND id = ?2",
                            error);
  if (stmt == NULL)
    goto fail;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_int64 (stmt, 2, member->id);
  bind_address (stmt, 3, member->address);
  _ef_store_bind_text_or_null (stmt, 7, member->email);
  _ef_store_bind_text_or_null (stmt, 8, member->caf_number);
  ef_db_bind_int64 (stmt, 9, now);
  if (identity)
    {
      ef_db_bind_text (stmt, 10, member->first_name, -1);
      ef_db_bind_text (stmt, 11, member->last_name, -1);
      ef_db_bind_text (stmt, 12, member->birth_date, -1);
    }
  if (!_ef_store_step_done (self, stmt, "saving a member", error))
    goto fail;
  if (ef_db_changes (self->db) != 1)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such member");
      goto fail;
    }

  if (!replace_phones (self, member, error) ||
      !replace_pickup_persons (self, member, error))
    goto fail;
  return _ef_store_end_owned (self, owned, TRUE, error);

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return FALSE;
}

gboolean
ef_store_update_member_contact (EfStore   *self,
                                gint64     family_id,
                                EfMember  *member,
                                gint64     now,
                                GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  return update_member (self, family_id, member, FALSE, now, error);
}

gboolean
ef_store_update_member (EfStore   *self,
                        gint64     family_id,
                        EfMember  *member,
                        gint64     now,
                        GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  return update_member (self, family_id, member, TRUE, now, error);
}

gint64
ef_store_find_member_by_reference (EfStore     *self,
                                   const char  *tenant_id,
                                   const char  *family_reference,
                                   const char  *member_reference,
                                   GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, 0);

  stmt = _ef_store_prepare (self,
                            "SELECT m.id FROM members m JOIN families f ON f.id = m.family_id"
                            " WHERE f.tenant_id = ?1 AND f.reference = ?2 AND m.reference = ?3",
                            error);
  if (stmt == NULL)
    return 0;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, family_reference, -1);
  ef_db_bind_text (stmt, 3, member_reference, -1);
  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    return ef_db_column_int64 (stmt, 0);
  if (rc != EF_DB_DONE)
    _ef_store_set_sql_error (self, error, "finding a member");
  return 0;
}
