/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-gdpr.c: all of a family's personal data, for its export, and
 * its erasure
 *
 * The erasure keeps every row that accounting needs (invoices, their
 * lines, payments and allocations, the reservations they were billed
 * from) with its amounts, numbers, dates and statuses, and removes or
 * overwrites whatever names a person: so the totals stay, the names go.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-store-private.h"
#include "ef-store-gdpr.h"

/* ef_store_compact(): how often, and how far apart, the checkpoint that
 * empties the log is tried while another connection keeps it busy. */
#define COMPACT_CHECKPOINT_ATTEMPTS 100
#define COMPACT_CHECKPOINT_PAUSE_MS 50

/* Every e-mail address of the family ?1: its accounts' logins, its
 * members' addresses, and those given to the payment provider. */
#define FAMILY_EMAILS \
  "WITH emails (email) AS (" \
  "  SELECT ef_ascii_lower (email) FROM accounts WHERE family_id = ?1" \
  "  UNION SELECT ef_ascii_lower (email) FROM members WHERE family_id = ?1 AND email IS NOT NULL" \
  "  UNION SELECT ef_ascii_lower (o.mel) FROM payment_operations o JOIN payments p ON p.id = o.payment_id" \
  "    WHERE p.family_id = ?1 AND o.mel <> '') "

#define FAMILY_MEMBERS "(SELECT id FROM members WHERE family_id = ?1)"
#define FAMILY_ACCOUNTS "(SELECT id FROM accounts WHERE family_id = ?1)"
#define FAMILY_PAYMENTS "(SELECT id FROM payments WHERE family_id = ?1)"

/* The records of an export; column names follow the header's rules. */
static const char * const record_queries[] = {
  [EF_FAMILY_RECORDS_ACCOUNTS] =
    "SELECT id, member_id AS member, email, password_hash IS NOT NULL AS has_password,"
    "       created_at, password_changed_at, failed_logins, locked_until AS unlocks_at"
    "  FROM accounts WHERE family_id = ?1 ORDER BY id",
  [EF_FAMILY_RECORDS_SESSIONS] =
    "SELECT s.account_id AS account, s.client, s.created_at, s.last_seen_at, s.expires_at,"
    "       s.ended_at, s.end_reason"
    "  FROM sessions s WHERE s.account_id IN " FAMILY_ACCOUNTS
    " ORDER BY s.created_at, s.id",
  [EF_FAMILY_RECORDS_CONNECTIONS] =
    "SELECT c.at, c.account_id AS account, a.email, c.result, c.client"
    "  FROM connections c JOIN accounts a ON a.id = c.account_id"
    " WHERE a.family_id = ?1 ORDER BY c.at, c.id",
  [EF_FAMILY_RECORDS_RESERVATIONS] =
    "SELECT r.member_id AS member, a.code AS activity, a.name AS activity_name, r.day,"
    "       r.created_at AS reserved_at"
    "  FROM reservations r JOIN activities a ON a.id = r.activity_id"
    " WHERE r.member_id IN " FAMILY_MEMBERS
    " ORDER BY r.day, r.member_id, a.code",
  [EF_FAMILY_RECORDS_RESERVATION_CHANGES] =
    "SELECT l.at, l.member_id AS member, a.code AS activity, l.day,"
    "       l.reserved_before AS was_reserved, l.reserved_after AS is_reserved, l.channel,"
    "       l.account_id AS account, ac.email AS account_email"
    "  FROM reservation_audit l LEFT JOIN activities a ON a.id = l.activity_id"
    "       LEFT JOIN accounts ac ON ac.id = l.account_id"
    " WHERE l.member_id IN " FAMILY_MEMBERS
    " ORDER BY l.at, l.id",
  [EF_FAMILY_RECORDS_ONLINE_PAYMENTS] =
    "SELECT o.payment_id AS payment, o.provider, o.refdet, o.objet, o.mel AS email, o.idop,"
    "       o.expires_at, o.resultrans AS result, o.result_at"
    "  FROM payment_operations o WHERE o.payment_id IN " FAMILY_PAYMENTS
    " ORDER BY o.payment_id",
  /* An invitation or a password reset holds a single-use link. */
  [EF_FAMILY_RECORDS_MAILS] =
    FAMILY_EMAILS
    "SELECT o.id, o.kind, o.recipient, o.subject,"
    "       CASE WHEN o.kind IN ('invitation', 'password_reset') THEN NULL ELSE o.body END AS body,"
    "       o.status, o.created_at, o.sent_at"
    "  FROM outbox o"
    " WHERE o.tenant_id = (SELECT tenant_id FROM families WHERE id = ?1)"
    "   AND ef_ascii_lower (o.recipient) IN (SELECT email FROM emails)"
    " ORDER BY o.id",
  /* The remembered devices, without their token's digest. */
  [EF_FAMILY_RECORDS_DEVICES] =
    "SELECT d.account_id AS account, d.client, d.created_at, d.expires_at, d.spent_at"
    "  FROM devices d WHERE d.account_id IN " FAMILY_ACCOUNTS
    " ORDER BY d.created_at, d.id",
};

/* Texts that name the family ?1 or its people, to be cut out of free
 * text (labels) wherever they appear; the second column tells names,
 * whose words are cut one by one too. */
static const char personal_texts_sql[] =
  "SELECT name, 0 FROM families WHERE id = ?1"
  " UNION SELECT reference, 0 FROM families WHERE id = ?1"
  " UNION SELECT address_line1, 0 FROM families WHERE id = ?1"
  " UNION SELECT address_line2, 0 FROM families WHERE id = ?1"
  " UNION SELECT first_name, 1 FROM members WHERE family_id = ?1"
  " UNION SELECT last_name, 1 FROM members WHERE family_id = ?1"
  " UNION SELECT first_name || ' ' || last_name, 0 FROM members WHERE family_id = ?1"
  " UNION SELECT email, 0 FROM members WHERE family_id = ?1"
  " UNION SELECT caf_number, 0 FROM members WHERE family_id = ?1"
  " UNION SELECT reference, 0 FROM members WHERE family_id = ?1"
  " UNION SELECT address_line1, 0 FROM members WHERE family_id = ?1"
  " UNION SELECT address_line2, 0 FROM members WHERE family_id = ?1"
  " UNION SELECT number, 0 FROM member_phones WHERE member_id IN " FAMILY_MEMBERS
  " UNION SELECT name, 1 FROM pickup_persons WHERE member_id IN " FAMILY_MEMBERS
  " UNION SELECT phone, 0 FROM pickup_persons WHERE member_id IN " FAMILY_MEMBERS
  " UNION SELECT email, 0 FROM accounts WHERE family_id = ?1"
  " UNION SELECT mel, 0 FROM payment_operations WHERE payment_id IN " FAMILY_PAYMENTS;

/* What a member is called once erased: "Enfant 1", "Responsable 2". Town
 * data in French, like the invoices it shows on: not translated. */
static const struct {
  const char *role;
  const char *name;
} anonymous_names[] = {
  { "responsible", "Responsable" },
  { "child", "Enfant" },
  { "other", "Membre" },
};

#define ANONYMOUS_FAMILY_NAME "Famille anonymisée"
#define ANONYMOUS_BIRTH_DATE  "1900-01-01"
#define CUT_TEXT              "***"

/* ------------------------------------------------------------- helpers */

static gboolean
is_instant_column (const char *name)
{
  return g_str_equal (name, "at") || g_str_has_suffix (name, "_at");
}

static gboolean
is_boolean_column (const char *name)
{
  return g_str_has_prefix (name, "is_") || g_str_has_prefix (name, "has_") ||
         g_str_has_prefix (name, "was_");
}

static JsonObject *
record_from_row (EfDbStmt *stmt,
                 GTimeZone    *tz)
{
  JsonObject *object = json_object_new ();

  for (int i = 0; i < ef_db_column_count (stmt); i++)
    {
      const char *name = ef_db_column_name (stmt, i);

      if (ef_db_column_type (stmt, i) == EF_DB_TYPE_NULL)
        json_object_set_null_member (object, name);
      else if (ef_db_column_type (stmt, i) == EF_DB_TYPE_INTEGER && is_instant_column (name))
        {
          g_autoptr(GDateTime) instant = g_date_time_new_from_unix_utc (ef_db_column_int64 (stmt, i));
          g_autofree char *text = ef_instant_format_iso (instant, tz);

          json_object_set_string_member (object, name, text);
        }
      else if (ef_db_column_type (stmt, i) == EF_DB_TYPE_INTEGER && is_boolean_column (name))
        json_object_set_boolean_member (object, name, ef_db_column_int64 (stmt, i) != 0);
      else if (ef_db_column_type (stmt, i) == EF_DB_TYPE_INTEGER)
        json_object_set_int_member (object, name, ef_db_column_int64 (stmt, i));
      else
        json_object_set_string_member (object, name, (const char *) ef_db_column_text (stmt, i));
    }
  return object;
}

/* Runs @sql with ?1 bound to @family_id; *@changes (optional) is how many
 * rows it changed. */
static gboolean
run_for_family (EfStore     *self,
                const char  *sql,
                gint64       family_id,
                guint       *changes,
                GError     **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, family_id);
  if (!_ef_store_step_done (self, stmt, "erasing a family", error))
    return FALSE;
  if (changes != NULL)
    *changes = ef_db_changes (self->db);
  return TRUE;
}

/* The count that @sql selects, with ?1 bound to @family_id. */
static gboolean
count_for_family (EfStore     *self,
                  const char  *sql,
                  gint64       family_id,
                  guint       *count,
                  GError     **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, family_id);
  if (_ef_store_step (self, stmt, "counting a family's data", error) != EF_DB_ROW)
    return FALSE;
  *count = (guint) ef_db_column_int64 (stmt, 0);
  return TRUE;
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return (la < lb) - (la > lb);
}

/* "06 12 34 56 78" → "0612345678"; NULL for text that is not a number. */
static char *
digits_only (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '.' && *p != '+')
        return NULL;
    }
  return digits->len > 0 ? g_string_free (g_steal_pointer (&digits), FALSE) : NULL;
}

static void
add_personal_text (GPtrArray  *texts,
                   GHashTable *seen,
                   const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  /* Shorter ones would cut common words out of the labels. */
  if (g_utf8_strlen (trimmed, -1) < 3 || !g_hash_table_add (seen, g_utf8_casefold (trimmed, -1)))
    return;
  g_ptr_array_add (texts, g_regex_escape_string (trimmed, -1));
}

/* A pattern that finds, in any case, every text that names the family or
 * its people: names (and each of their words), addresses, e-mails, phone
 * numbers (with and without spaces), CAF numbers, references. */
static GRegex *
personal_texts_regex (EfStore    *self,
                      gint64      family_id,
                      GError    **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, personal_texts_sql, error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pattern = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      const char *text = (const char *) ef_db_column_text (stmt, 0);
      g_auto(GStrv) words = NULL;
      g_autofree char *digits = NULL;

      if (text == NULL)
        continue;
      add_personal_text (texts, seen, text);
      words = ef_db_column_int64 (stmt, 1) != 0 ? g_strsplit_set (text, " -", -1) : NULL;
      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        add_personal_text (texts, seen, words[i]);
      digits = digits_only (text);
      if (digits != NULL)
        add_personal_text (texts, seen, digits);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading a family's data");
      return NULL;
    }
  if (texts->len == 0)
    return NULL;

  g_ptr_array_sort (texts, compare_longest_first);
  g_ptr_array_add (texts, NULL);
  pattern = g_strjoinv ("|", (char **) texts->pdata);
  return g_regex_new (pattern, G_REGEX_CASELESS, 0, error);
}

/* Cuts what @regex finds out of the texts that @select lists (a row id
 * and a text, ?1 the family), writing each changed one back with @update
 * (?1 the row id, ?2 the text). */
static gboolean
cut_personal_texts (EfStore     *self,
                    GRegex      *regex,
                    const char  *select,
                    const char  *update,
                    gint64       family_id,
                    guint       *n_cut,
                    GError     **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, select, error);
  g_autoptr(EfDbStmt) write = _ef_store_prepare (self, update, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL || write == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, family_id);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      const char *text = (const char *) ef_db_column_text (stmt, 1);
      gint64 id = ef_db_column_int64 (stmt, 0);
      char *cut;

      if (text == NULL || !g_regex_match (regex, text, 0, NULL))
        continue;
      cut = g_regex_replace_literal (regex, text, -1, 0, CUT_TEXT, 0, error);
      if (cut == NULL)
        return FALSE;
      g_array_append_val (ids, id);
      g_ptr_array_add (texts, cut);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading labels");
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      ef_db_reset (write);
      ef_db_bind_int64 (write, 1, g_array_index (ids, gint64, i));
      ef_db_bind_text (write, 2, g_ptr_array_index (texts, i), -1);
      if (!_ef_store_step_done (self, write, "cutting a label", error))
        return FALSE;
    }
  *n_cut += ids->len;
  return TRUE;
}

static const char *
anonymous_name (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (anonymous_names); i++)
    if (g_strcmp0 (role, anonymous_names[i].role) == 0)
      return anonymous_names[i].name;
  return anonymous_names[G_N_ELEMENTS (anonymous_names) - 1].name;
}

/* Renames the members "Enfant 1"… and forgets everything else about them;
 * @names maps each member's id to its new full name, and *@next_child is
 * the number the next child would get. */
static gboolean
anonymize_members (EfStore     *self,
                   gint64       family_id,
                   gint64       now,
                   GHashTable  *names,
                   guint       *next_child,
                   guint       *n_members,
                   GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfDbStmt) write = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  int rc;

  stmt = _ef_store_prepare (self,
                            "SELECT id, role FROM members WHERE family_id = ?1 ORDER BY position, id",
                            error);
  write = _ef_store_prepare (self,
                             "UPDATE members SET reference = NULL, first_name = ?2, last_name = ?3,"
                             "  birth_date = '" ANONYMOUS_BIRTH_DATE "',"
                             "  address_line1 = NULL, address_line2 = NULL, postal_code = NULL,"
                             "  city = NULL, email = NULL, caf_number = NULL, updated_at = ?4"
                             " WHERE id = ?1",
                             error);
  if (stmt == NULL || write == NULL)
    return FALSE;

  ef_db_bind_int64 (stmt, 1, family_id);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      gint64 id = ef_db_column_int64 (stmt, 0);
      const char *first = anonymous_name ((const char *) ef_db_column_text (stmt, 1));

      g_array_append_val (ids, id);
      g_ptr_array_add (firsts, (gpointer) first);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading members");
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *first = g_ptr_array_index (firsts, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, first)) + 1;
      g_autofree char *last = g_strdup_printf ("%u", n);

      g_hash_table_insert (counts, (gpointer) first, GUINT_TO_POINTER (n));
      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), g_strdup_printf ("%s %u", first, n));

      ef_db_reset (write);
      ef_db_bind_int64 (write, 1, id);
      ef_db_bind_text (write, 2, first, -1);
      ef_db_bind_text (write, 3, last, -1);
      ef_db_bind_int64 (write, 4, now);
      if (!_ef_store_step_done (self, write, "erasing a member", error))
        return FALSE;
    }

  *next_child = GPOINTER_TO_UINT (g_hash_table_lookup (counts, anonymous_name ("child"))) + 1;
  *n_members = ids->len;
  return TRUE;
}

typedef struct {
  gint64  id;
  gint64  member_id;
  char   *member_name;
  char   *label;
} LineNames;

static void
clear_line_names (gpointer data)
{
  LineNames *line = data;

  g_free (line->member_name);
  g_free (line->label);
}

/* Invoice lines keep their child, renamed as the member now is; a child
 * who has left the family since gets a name of its own. */
static gboolean
rename_invoice_lines (EfStore          *self,
                      gint64            family_id,
                      GHashTable       *member_names,
                      guint             next_child,
                      GRegex           *regex,
                      EfErasureReport  *report,
                      GError          **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfDbStmt) write = NULL;
  g_autoptr(GHashTable) former = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (LineNames));
  int rc;

  g_array_set_clear_func (lines, clear_line_names);
  stmt = _ef_store_prepare (self,
                            "SELECT l.id, l.member_id, l.member_name, l.label"
                            "  FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
                            " WHERE i.family_id = ?1 ORDER BY i.id, l.position",
                            error);
  write = _ef_store_prepare (self, "UPDATE invoice_lines SET member_name = ?2, label = ?3 WHERE id = ?1",
                             error);
  if (stmt == NULL || write == NULL)
    return FALSE;

  ef_db_bind_int64 (stmt, 1, family_id);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      LineNames line = {
        ef_db_column_int64 (stmt, 0),
        ef_db_column_int64 (stmt, 1),
        _ef_store_column_dup (stmt, 2),
        _ef_store_column_dup (stmt, 3),
      };

      g_array_append_val (lines, line);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading invoice lines");
      return FALSE;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      LineNames *line = &g_array_index (lines, LineNames, i);
      const char *name = g_hash_table_lookup (member_names, &line->member_id);
      g_autofree char *cut = NULL;

      if (name == NULL)
        name = g_hash_table_lookup (former, line->member_name);
      if (name == NULL)
        {
          char *new_name = g_strdup_printf ("%s %u", anonymous_name ("child"), next_child++);

          g_hash_table_insert (former, g_strdup (line->member_name), new_name);
          name = new_name;
        }
      if (regex != NULL && g_regex_match (regex, line->label, 0, NULL))
        {
          cut = g_regex_replace_literal (regex, line->label, -1, 0, CUT_TEXT, 0, error);
          if (cut == NULL)
            return FALSE;
          report->labels++;
        }

      ef_db_reset (write);
      ef_db_bind_int64 (write, 1, line->id);
      ef_db_bind_text (write, 2, name, -1);
      ef_db_bind_text (write, 3, cut != NULL ? cut : line->label, -1);
      if (!_ef_store_step_done (self, write, "renaming an invoice line", error))
        return FALSE;
    }
  report->invoice_lines = lines->len;
  return TRUE;
}

/* Everything ef_store_erase_family() does, inside its transaction. */
static gboolean
erase_family (EfStore          *self,
              gint64            family_id,
              gint64            now,
              EfErasureReport  *report,
              GError          **error)
{
  g_autoptr(GHashTable) member_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(EfDbStmt) family = NULL;
  g_autoptr(GError) local_error = NULL;
  guint next_child = 1;

  regex = personal_texts_regex (self, family_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* What only the e-mails, still there, can find comes first. */
  if (!run_for_family (self, FAMILY_EMAILS
                       "DELETE FROM outbox"
                       " WHERE tenant_id = (SELECT tenant_id FROM families WHERE id = ?1)"
                       "   AND ef_ascii_lower (recipient) IN (SELECT email FROM emails)",
                       family_id, &report->mails, error) ||
      /* The sign-in and reset throttling keeps e-mails for a day. */
      !run_for_family (self, FAMILY_EMAILS
                       "DELETE FROM auth_attempts"
                       " WHERE tenant_id = (SELECT tenant_id FROM families WHERE id = ?1)"
                       "   AND kind IN ('login_email', 'reset_email')"
                       "   AND key IN (SELECT email FROM emails)",
                       family_id, NULL, error) ||
      !run_for_family (self, FAMILY_EMAILS
                       "DELETE FROM login_locks"
                       " WHERE tenant_id = (SELECT tenant_id FROM families WHERE id = ?1)"
                       "   AND email IN (SELECT email FROM emails)",
                       family_id, NULL, error) ||
      !run_for_family (self,
                       "UPDATE payfip_simulator_operations SET mel = '', objet = ''"
                       " WHERE (numcli, refdet) IN (SELECT numcli, refdet FROM payment_operations"
                       "                            WHERE payment_id IN " FAMILY_PAYMENTS ")",
                       family_id, NULL, error) ||
      !run_for_family (self,
                       "UPDATE payment_operations SET mel = '', objet = ''"
                       " WHERE payment_id IN " FAMILY_PAYMENTS,
                       family_id, &report->online_payments, error))
    return FALSE;

  if (regex != NULL &&
      (!cut_personal_texts (self, regex, "SELECT id, label FROM payments WHERE family_id = ?1",
                            "UPDATE payments SET label = ?2 WHERE id = ?1",
                            family_id, &report->labels, error) ||
       !cut_personal_texts (self, regex, "SELECT id, label FROM invoices WHERE family_id = ?1",
                            "UPDATE invoices SET label = ?2 WHERE id = ?1",
                            family_id, &report->labels, error)))
    return FALSE;

  /* What agents did for the family: the actions stay, not what they
   * read or wrote about its people. */
  if (!run_for_family (self,
                       "UPDATE staff_audit SET target = '', before = NULL, after = NULL"
                       " WHERE family_id = ?1",
                       family_id, NULL, error))
    return FALSE;

  /* Who made a change to the reservations; the change itself stays. */
  if (!run_for_family (self,
                       "UPDATE reservation_audit SET account_id = NULL"
                       " WHERE account_id IS NOT NULL"
                       "   AND (member_id IN " FAMILY_MEMBERS " OR account_id IN " FAMILY_ACCOUNTS ")",
                       family_id, &report->reservation_changes, error) ||
      !run_for_family (self, "DELETE FROM connections WHERE account_id IN " FAMILY_ACCOUNTS,
                       family_id, &report->connections, error) ||
      !count_for_family (self, "SELECT count(*) FROM sessions WHERE account_id IN " FAMILY_ACCOUNTS,
                         family_id, &report->sessions, error) ||
      /* Their sessions and tokens go with them; payments forget who paid. */
      !run_for_family (self, "DELETE FROM accounts WHERE family_id = ?1",
                       family_id, &report->accounts, error) ||
      !run_for_family (self, "DELETE FROM pickup_persons WHERE member_id IN " FAMILY_MEMBERS,
                       family_id, &report->pickup_persons, error) ||
      !run_for_family (self, "DELETE FROM member_phones WHERE member_id IN " FAMILY_MEMBERS,
                       family_id, &report->phones, error))
    return FALSE;

  if (!anonymize_members (self, family_id, now, member_names, &next_child, &report->members, error) ||
      !rename_invoice_lines (self, family_id, member_names, next_child, regex, report, error))
    return FALSE;

  family = _ef_store_prepare (self,
                              "UPDATE families SET reference = NULL, name = '" ANONYMOUS_FAMILY_NAME "',"
                              "  address_line1 = '', address_line2 = '', postal_code = '', city = '',"
                              "  updated_at = ?2"
                              " WHERE id = ?1",
                              error);
  if (family == NULL)
    return FALSE;
  ef_db_bind_int64 (family, 1, family_id);
  ef_db_bind_int64 (family, 2, now);
  return _ef_store_step_done (self, family, "erasing a family", error);
}

/* -------------------------------------------------------------- public */

gint64
ef_store_find_family_by_email (EfStore     *self,
                               const char  *tenant_id,
                               const char  *email,
                               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  gint64 family_id = 0;
  int rc;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && email != NULL, 0);

  /* An account's login first: it is unique in the tenant. */
  stmt = _ef_store_prepare (self,
                            "SELECT family_id FROM accounts"
                            " WHERE tenant_id = ?1 AND kind = 'parent' AND email = ef_ascii_lower (?2)"
                            " UNION ALL SELECT * FROM (SELECT DISTINCT m.family_id"
                            "   FROM members m JOIN families f ON f.id = m.family_id"
                            "  WHERE f.tenant_id = ?1 AND ef_ascii_lower (m.email) = ef_ascii_lower (?2)"
                            "    AND NOT EXISTS (SELECT 1 FROM accounts"
                            "                     WHERE tenant_id = ?1 AND kind = 'parent'"
                            "                       AND email = ef_ascii_lower (?2))) AS by_member",
                            error);
  if (stmt == NULL)
    return 0;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, email, -1);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      if (family_id != 0)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "Members of several families have the e-mail %s", email);
          return 0;
        }
      family_id = ef_db_column_int64 (stmt, 0);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "finding a family");
      return 0;
    }
  return family_id;
}

gboolean
ef_store_begin_read (EfStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return _ef_store_begin_read (self, error);
}

void
ef_store_end_read (EfStore *self)
{
  g_return_if_fail (self != NULL);

  _ef_store_rollback (self);
}

JsonArray *
ef_store_list_family_records (EfStore          *self,
                              gint64            family_id,
                              EfFamilyRecords   kind,
                              GTimeZone        *tz,
                              GError          **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(JsonArray) records = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < G_N_ELEMENTS (record_queries), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  stmt = _ef_store_prepare (self, record_queries[kind], error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);

  records = json_array_new ();
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    json_array_add_object_element (records, record_from_row (stmt, tz));
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading a family's records");
      return NULL;
    }
  return g_steal_pointer (&records);
}

gboolean
ef_store_erase_family (EfStore          *self,
                       const char       *tenant_id,
                       gint64            family_id,
                       gint64            now,
                       gboolean          dry_run,
                       EfErasureReport  *report,
                       GError          **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  guint pending = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);

  /* Freed and overwritten cells are zeroed, not left in the pages. */
  if ((self->kind == EF_DB_SQLITE &&
       !_ef_store_exec (self, "PRAGMA secure_delete = ON", error)) ||
      !_ef_store_begin (self, error))
    return FALSE;

  stmt = _ef_store_prepare (self, "SELECT count(*) FROM families WHERE id = ?1 AND tenant_id = ?2", error);
  if (stmt == NULL)
    goto fail;
  ef_db_bind_int64 (stmt, 1, family_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  if (_ef_store_step (self, stmt, "finding a family", error) != EF_DB_ROW)
    goto fail;
  if (ef_db_column_int64 (stmt, 0) == 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such family");
      goto fail;
    }

  /* Its result would come back to an e-mail that is gone. */
  if (!count_for_family (self, "SELECT count(*) FROM payments WHERE family_id = ?1 AND status = 'pending'",
                         family_id, &pending, error))
    goto fail;
  if (pending > 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_PAYMENT_IN_PROGRESS,
                   "The family has %u payment(s) under way", pending);
      goto fail;
    }

  if (!erase_family (self, family_id, now, report, error))
    goto fail;

  if (dry_run)
    {
      _ef_store_rollback (self);
      return TRUE;
    }
  if (!_ef_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

gboolean
ef_store_compact (EfStore  *self,
                  GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  /* PostgreSQL: VACUUM frees the erased rows' old versions for reuse
   * without locking out the other instances (VACUUM FULL would rewrite
   * every table under an exclusive lock: an operator's decision, in a
   * quiet hour; docs/gdpr.md). */
  if (self->kind == EF_DB_POSTGRESQL)
    return _ef_store_exec (self, "VACUUM", error);

  if (!_ef_store_exec (self, "PRAGMA secure_delete = ON; VACUUM", error))
    return FALSE;

  /* The log keeps every version of the pages written since the last
   * checkpoint: copy them into the file, then empty it. A running server
   * checkpoints on a thread of its own: SQLite then answers "busy" at
   * once, without waiting, so ask again for a while (the command's own
   * process, not a server's loop). */
  stmt = _ef_store_prepare (self, "PRAGMA wal_checkpoint (TRUNCATE)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint attempt = 0;; attempt++)
    {
      if (_ef_store_step (self, stmt, "checkpointing", error) != EF_DB_ROW)
        return FALSE;
      if (ef_db_column_int64 (stmt, 0) == 0)
        return TRUE;
      if (attempt + 1 >= COMPACT_CHECKPOINT_ATTEMPTS)
        break;
      ef_db_reset (stmt);
      g_usleep (COMPACT_CHECKPOINT_PAUSE_MS * 1000);
    }
  g_set_error_literal (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                       "another connection is reading the database: its write-ahead log cannot be emptied now");
  return FALSE;
}
