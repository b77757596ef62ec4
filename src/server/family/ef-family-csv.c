/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-csv.c: families from a town hall's register in CSV, one row per
 * member
 *
 * The rows of a family become the JSON object that `family-import` reads,
 * so that a family is checked by one validator whatever the file; what
 * that validator says about a member is then told about the row the
 * member came from, in the file's own column names.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-common.h"
#include "ef-family.h"
#include "ef-family-csv.h"

typedef enum {
  COLUMN_FAMILY,
  COLUMN_HOUSEHOLD,
  COLUMN_ROLE,
  COLUMN_LAST_NAME,
  COLUMN_FIRST_NAME,
  COLUMN_BIRTH_DATE,
  COLUMN_ADDRESS,
  COLUMN_ADDRESS2,
  COLUMN_POSTAL_CODE,
  COLUMN_CITY,
  COLUMN_PHONE,
  COLUMN_WORK_PHONE,
  COLUMN_EMAIL,
  COLUMN_CAF_NUMBER,
  COLUMN_REFERENCE,
  N_COLUMNS
} Column;

/* The columns as docs/family-import.md names them; a header matches them
 * whatever its case and accents, with a space or a hyphen for '_'. */
static const struct {
  const char *name;
  const char *key;
  gboolean    required;
} columns[N_COLUMNS] = {
  [COLUMN_FAMILY] = { "famille", "famille", TRUE },
  [COLUMN_HOUSEHOLD] = { "foyer", "foyer", FALSE },
  [COLUMN_ROLE] = { "rôle", "role", TRUE },
  [COLUMN_LAST_NAME] = { "nom", "nom", TRUE },
  [COLUMN_FIRST_NAME] = { "prénom", "prenom", TRUE },
  [COLUMN_BIRTH_DATE] = { "naissance", "naissance", TRUE },
  [COLUMN_ADDRESS] = { "adresse", "adresse", TRUE },
  [COLUMN_ADDRESS2] = { "complément", "complement", FALSE },
  [COLUMN_POSTAL_CODE] = { "code_postal", "code_postal", TRUE },
  [COLUMN_CITY] = { "ville", "ville", TRUE },
  [COLUMN_PHONE] = { "téléphone", "telephone", FALSE },
  [COLUMN_WORK_PHONE] = { "téléphone_travail", "telephone_travail", FALSE },
  [COLUMN_EMAIL] = { "courriel", "courriel", FALSE },
  [COLUMN_CAF_NUMBER] = { "caf", "caf", FALSE },
  [COLUMN_REFERENCE] = { "référence", "reference", FALSE },
};

/* The roles of the file, French first, and the JSON's. */
static const struct {
  const char *name;
  const char *role;
} roles[] = {
  { "responsable", "responsible" },
  { "enfant", "child" },
  { "autre", "other" },
  { "responsible", "responsible" },
  { "child", "child" },
  { "other", "other" },
};

typedef struct {
  guint     line;
  char     *fields[N_COLUMNS];  /* trimmed; "" when empty */
  gboolean  has_address;        /* adresse, code_postal and ville all given */
  gboolean  partial_address;    /* some of them only */
  Column    phone_columns[2];   /* the column of each phone of the member */
} Row;

typedef struct {
  char      *key;
  GPtrArray *rows;              /* of Row, not owned */
  Row       *address_row;       /* where the family's address comes from */
  gboolean   named;             /* the name comes from the foyer column */
} Group;

typedef struct {
  const EfFamilyCsvKnown *known;
  EfDay                   today;
  char                   *headers[N_COLUMNS];  /* as the file writes them */
  EfFamilyCsv            *csv;
} Reader;

static void
row_free (Row *row)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (row->fields[c]);
  g_free (row);
}

static void
group_free (Group *group)
{
  g_free (group->key);
  g_ptr_array_unref (group->rows);
  g_free (group);
}

static void
problem_free (EfImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

/* "Code postal", "CODE-POSTAL" → "code_postal"; "Prénom" → "prenom". */
static char *
normalize_header (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *ascii = g_str_to_ascii (trimmed, "C");
  char *key = g_ascii_strdown (ascii, -1);

  for (char *p = key; *p != '\0'; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return key;
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (Reader     *reader,
             const Row  *row,
             int         column,
             const char *format,
             ...)
{
  EfImportProblem *problem = g_new0 (EfImportProblem, 1);
  va_list args;

  problem->line = row->line;
  if (column >= 0)
    problem->column = g_strdup (reader->headers[column] ? reader->headers[column]
                                                        : columns[column].name);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (reader->csv->problems, problem);
}

static gboolean
map_header (Reader     *reader,
            GPtrArray  *header,
            int         positions[N_COLUMNS],
            GError    **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    positions[c] = -1;

  for (guint i = 0; i < header->len; i++)
    {
      const char *text = g_ptr_array_index (header, i);
      g_autofree char *key = normalize_header (text);
      guint c;

      if (*key == '\0')
        continue;
      for (c = 0; c < N_COLUMNS && !g_str_equal (key, columns[c].key); c++)
        ;
      if (c == N_COLUMNS)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       _("The column “%s” is not one of the register’s (see docs/family-import.md)"),
                       text);
          return FALSE;
        }
      if (positions[c] != -1)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       _("The column “%s” appears twice"), columns[c].name);
          return FALSE;
        }
      positions[c] = i;
      reader->headers[c] = g_strstrip (g_strdup (text));
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && positions[c] == -1)
      {
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                     _("The column “%s” is missing"), columns[c].name);
        return FALSE;
      }
  return TRUE;
}

/* "5/6/2017" or "05/06/2017" → "2017-06-05"; anything else as it is,
 * for the family's validator to judge. */
static char *
iso_birth_date (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);

  if (g_strv_length (parts) != 3 || strlen (parts[0]) < 1 || strlen (parts[0]) > 2 ||
      strlen (parts[1]) < 1 || strlen (parts[1]) > 2 || strlen (parts[2]) != 4)
    return g_strdup (text);
  for (guint i = 0; i < 3; i++)
    for (const char *p = parts[i]; *p != '\0'; p++)
      if (!g_ascii_isdigit (*p))
        return g_strdup (text);
  return g_strdup_printf ("%s-%02d-%02d", parts[2],
                          (int) g_ascii_strtoll (parts[1], NULL, 10),
                          (int) g_ascii_strtoll (parts[0], NULL, 10));
}

/* The role of the JSON for a role of the file; unknown ones as written,
 * for the validator to refuse. */
static const char *
json_role (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (text, roles[i].name) == 0)
      return roles[i].role;
  return text;
}

/* One record as a Row; NULL (with a problem) when it has too many fields. */
static Row *
read_row (Reader     *reader,
          GPtrArray  *fields,
          guint       line,
          guint       n_header,
          const int   positions[N_COLUMNS])
{
  g_autoptr(Row) row = g_new0 (Row, 1);
  char *address;
  char *newline;

  row->line = line;
  for (guint i = n_header; i < fields->len; i++)
    if (*g_strstrip ((char *) g_ptr_array_index (fields, i)) != '\0')
      {
        add_problem (reader, row, -1,
                     g_dngettext (GETTEXT_PACKAGE, "%u field where the header has %u",
                                  "%u fields where the header has %u", fields->len),
                     fields->len, n_header);
        return NULL;
      }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *text = positions[c] >= 0 && (guint) positions[c] < fields->len
                         ? g_ptr_array_index (fields, positions[c]) : "";

      row->fields[c] = g_strstrip (g_strdup (text));
    }

  /* A spreadsheet's address cell may hold two lines. */
  address = row->fields[COLUMN_ADDRESS];
  newline = strchr (address, '\n');
  if (newline != NULL && row->fields[COLUMN_ADDRESS2][0] == '\0')
    {
      g_free (row->fields[COLUMN_ADDRESS2]);
      row->fields[COLUMN_ADDRESS2] = g_strstrip (g_strdup (newline + 1));
      *newline = '\0';
      g_strstrip (address);
    }

  return g_steal_pointer (&row);
}

/* The e-mail of @row against the file's earlier rows and the database. */
static void
check_email (Reader     *reader,
             Row        *row,
             GHashTable *seen)
{
  g_autofree char *email = NULL;
  g_autofree char *key = NULL;
  const char *owner;
  gpointer first;

  if (row->fields[COLUMN_EMAIL][0] == '\0')
    return;
  email = ef_email_normalize (row->fields[COLUMN_EMAIL]);
  if (email == NULL)
    return;   /* the validator says it */
  key = g_utf8_strdown (email, -1);

  if (g_hash_table_lookup_extended (seen, key, NULL, &first))
    {
      add_problem (reader, row, COLUMN_EMAIL, _("“%s” is already on line %u"),
                   row->fields[COLUMN_EMAIL], GPOINTER_TO_UINT (first));
      return;
    }
  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (row->line));

  if (reader->known == NULL || reader->known->member_emails == NULL)
    return;
  owner = g_hash_table_lookup (reader->known->member_emails, key);
  /* The family's own e-mail, when it is imported again, is no clash. */
  if (owner != NULL && !g_str_equal (owner, row->fields[COLUMN_FAMILY]))
    add_problem (reader, row, COLUMN_EMAIL,
                 _("“%s” is already the e-mail of a member of another family"),
                 row->fields[COLUMN_EMAIL]);
}

static gboolean
same_address (const Row *a,
              const Row *b)
{
  static const Column parts[] = { COLUMN_ADDRESS, COLUMN_ADDRESS2, COLUMN_POSTAL_CODE, COLUMN_CITY };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!g_str_equal (a->fields[parts[i]], b->fields[parts[i]]))
      return FALSE;
  return TRUE;
}

static JsonObject *
address_object (const Row *row)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "line1", row->fields[COLUMN_ADDRESS]);
  json_object_set_string_member (object, "line2", row->fields[COLUMN_ADDRESS2]);
  json_object_set_string_member (object, "postal_code", row->fields[COLUMN_POSTAL_CODE]);
  json_object_set_string_member (object, "city", row->fields[COLUMN_CITY]);
  return object;
}

static void
set_optional (JsonObject *object,
              const char *name,
              const char *text)
{
  if (text[0] != '\0')
    json_object_set_string_member (object, name, text);
}

static void
add_phone (JsonArray  *phones,
           Row        *row,
           Column      column)
{
  const char *number = row->fields[column];
  g_autofree char *normalized = NULL;
  JsonObject *phone;
  const char *kind = "work";

  if (number[0] == '\0')
    return;
  if (column == COLUMN_PHONE)
    {
      normalized = ef_phone_normalize (number);
      kind = normalized == NULL || g_str_has_prefix (normalized, "06") ||
             g_str_has_prefix (normalized, "07") ? "mobile" : "home";
    }
  phone = json_object_new ();
  json_object_set_string_member (phone, "kind", kind);
  json_object_set_string_member (phone, "number", number);
  row->phone_columns[json_array_get_length (phones)] = column;
  json_array_add_object_element (phones, phone);
}

static JsonObject *
member_object (Group *group,
               Row   *row)
{
  JsonObject *object = json_object_new ();
  JsonArray *phones = json_array_new ();
  g_autofree char *birth_date = iso_birth_date (row->fields[COLUMN_BIRTH_DATE]);

  json_object_set_string_member (object, "role", json_role (row->fields[COLUMN_ROLE]));
  json_object_set_string_member (object, "first_name", row->fields[COLUMN_FIRST_NAME]);
  json_object_set_string_member (object, "last_name", row->fields[COLUMN_LAST_NAME]);
  json_object_set_string_member (object, "birth_date", birth_date);
  set_optional (object, "reference", row->fields[COLUMN_REFERENCE]);
  set_optional (object, "email", row->fields[COLUMN_EMAIL]);
  set_optional (object, "caf_number", row->fields[COLUMN_CAF_NUMBER]);
  add_phone (phones, row, COLUMN_PHONE);
  add_phone (phones, row, COLUMN_WORK_PHONE);
  json_object_set_array_member (object, "phones", phones);
  if (row->has_address && row != group->address_row && !same_address (row, group->address_row))
    json_object_set_object_member (object, "address", address_object (row));
  return object;
}

/* The family's validator names a field of the JSON ("members[2].phones[0]
 * .number", "address.city"): the column of @row it came from. */
static int
column_of_field (const Row  *row,
                 const char *field)
{
  static const struct {
    const char *field;
    Column      column;
  } fields[] = {
    { "role", COLUMN_ROLE },
    { "first_name", COLUMN_FIRST_NAME },
    { "last_name", COLUMN_LAST_NAME },
    { "birth_date", COLUMN_BIRTH_DATE },
    { "reference", COLUMN_REFERENCE },
    { "email", COLUMN_EMAIL },
    { "caf_number", COLUMN_CAF_NUMBER },
    { "address.line1", COLUMN_ADDRESS },
    { "address.line2", COLUMN_ADDRESS2 },
    { "address.postal_code", COLUMN_POSTAL_CODE },
    { "address.city", COLUMN_CITY },
    { "address", COLUMN_ADDRESS },
  };

  if (g_str_has_prefix (field, "phones["))
    {
      guint64 index = g_ascii_strtoull (field + strlen ("phones["), NULL, 10);

      return index < G_N_ELEMENTS (row->phone_columns) ? (int) row->phone_columns[index] : COLUMN_PHONE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].field))
      return fields[i].column;
  return -1;
}

/* What is wrong, as a sentence, from the validator's code. */
static char *
describe (const char *code,
          const char *value)
{
  if (g_str_equal (code, "required"))
    return g_strdup (_("is missing"));
  if (g_str_equal (code, "too_long"))
    return g_strdup (_("is too long"));
  if (g_str_equal (code, "invalid_characters"))
    return g_strdup (_("holds a line break or another control character"));
  if (g_str_equal (code, "invalid_date"))
    return g_strdup_printf (_("“%s” is not a date written DD/MM/YYYY or YYYY-MM-DD, or is not past yet"),
                            value);
  if (g_str_equal (code, "invalid_role"))
    return g_strdup_printf (_("“%s” is not a role: write responsable, enfant or autre"), value);
  if (g_str_equal (code, "invalid_email"))
    return g_strdup_printf (_("“%s” is not an e-mail address"), value);
  if (g_str_equal (code, "invalid_phone"))
    return g_strdup_printf (_("“%s” is not a French phone number"), value);
  if (g_str_equal (code, "invalid_postal_code"))
    return g_strdup_printf (_("“%s” is not a postal code (5 digits)"), value);
  if (g_str_equal (code, "invalid_caf_number"))
    return g_strdup_printf (_("“%s” is not a CAF number (7 digits)"), value);
  if (g_str_equal (code, "duplicate"))
    return g_strdup_printf (_("“%s” is given to another member of the family"), value);
  /* Translators: %s is a code such as "too_many" */
  return g_strdup_printf (_("is refused (%s)"), code);
}

/* Tells the validator's @details about @group as problems of its rows. */
static void
add_details (Reader     *reader,
             Group      *group,
             JsonArray  *details)
{
  Row *first = g_ptr_array_index (group->rows, 0);

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonObject *detail = json_array_get_object_element (details, i);
      const char *field = json_object_get_string_member (detail, "field");
      const char *code = json_object_get_string_member (detail, "code");
      g_autofree char *message = NULL;
      Row *row = first;
      int column = -1;

      if (g_str_has_prefix (field, "members["))
        {
          guint64 index = g_ascii_strtoull (field + strlen ("members["), NULL, 10);
          const char *rest = strchr (field, ']');

          if (index < group->rows->len && rest != NULL && rest[1] == '.')
            {
              row = g_ptr_array_index (group->rows, index);
              column = column_of_field (row, rest + 2);
            }
        }
      else if ((g_str_equal (field, "members") && g_str_equal (code, "no_responsible")) ||
               (g_str_equal (field, "address") && g_str_equal (code, "required")))
        continue;   /* said by read_group() */
      else if (g_str_has_prefix (field, "address") && group->address_row != NULL)
        {
          row = group->address_row;
          column = column_of_field (row, field);
        }
      else if (g_str_equal (field, "name"))
        column = group->named ? COLUMN_HOUSEHOLD : COLUMN_LAST_NAME;
      else if (g_str_equal (field, "reference"))
        column = COLUMN_FAMILY;

      message = describe (code, column >= 0 ? row->fields[column] : "");
      add_problem (reader, row, column, "%s", message);
    }
}

/* Checks the rows of one family; adds the family when all is well. */
static void
read_group (Reader *reader,
            Group  *group)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) details = json_array_new ();
  JsonArray *members = json_array_new ();
  g_autofree char *name = NULL;
  Row *first = g_ptr_array_index (group->rows, 0);
  Row *named = NULL;
  Row *responsible = NULL;
  gboolean partial = FALSE;
  guint before = reader->csv->problems->len;
  EfFamily *family;

  for (guint i = 0; i < group->rows->len; i++)
    {
      Row *row = g_ptr_array_index (group->rows, i);
      gboolean is_responsible = g_str_equal (json_role (row->fields[COLUMN_ROLE]), "responsible");

      if (responsible == NULL && is_responsible)
        responsible = row;
      partial |= row->partial_address;
      /* Responsible adults' addresses first: the family lives at theirs. */
      if (row->has_address &&
          (group->address_row == NULL ||
           (is_responsible && !g_str_equal (json_role (group->address_row->fields[COLUMN_ROLE]),
                                            "responsible"))))
        group->address_row = row;

      if (row->fields[COLUMN_HOUSEHOLD][0] == '\0')
        continue;
      if (named == NULL)
        named = row;
      else if (!g_str_equal (named->fields[COLUMN_HOUSEHOLD], row->fields[COLUMN_HOUSEHOLD]))
        add_problem (reader, row, COLUMN_HOUSEHOLD, _("“%s” is not the name given on line %u"),
                     row->fields[COLUMN_HOUSEHOLD], named->line);
    }

  /* The validator says these only when all else is well: say them always. */
  if (responsible == NULL)
    add_problem (reader, first, COLUMN_ROLE,
                 _("the family “%s” has no responsible adult (rôle responsable)"), group->key);
  if (group->address_row == NULL && !partial)
    add_problem (reader, responsible ? responsible : first, COLUMN_ADDRESS,
                 _("the family “%s” has no address: give adresse, code_postal and ville on the row of its responsible adult"),
                 group->key);

  group->named = named != NULL;
  if (named != NULL)
    name = g_strdup (named->fields[COLUMN_HOUSEHOLD]);
  else
    name = g_strdup_printf ("Famille %s", (responsible ? responsible : first)->fields[COLUMN_LAST_NAME]);

  if (reader->known != NULL && reader->known->family_references != NULL && !reader->known->replace &&
      g_hash_table_contains (reader->known->family_references, group->key))
    add_problem (reader, first, COLUMN_FAMILY,
                 _("a family with the reference “%s” exists already (use --replace to update it)"),
                 group->key);

  json_object_set_string_member (object, "reference", group->key);
  json_object_set_string_member (object, "name", name);
  if (group->address_row != NULL)
    json_object_set_object_member (object, "address", address_object (group->address_row));
  for (guint i = 0; i < group->rows->len; i++)
    json_array_add_object_element (members, member_object (group, g_ptr_array_index (group->rows, i)));
  json_object_set_array_member (object, "members", members);

  family = ef_family_from_json (object, reader->today, details);
  if (family == NULL)
    {
      add_details (reader, group, details);
      return;
    }
  if (reader->csv->problems->len > before)
    {
      ef_family_free (family);
      return;
    }
  g_ptr_array_add (reader->csv->families, family);
  reader->csv->n_members += family->members->len;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const EfImportProblem *pa = *(const EfImportProblem * const *) a;
  const EfImportProblem *pb = *(const EfImportProblem * const *) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

void
ef_family_csv_free (EfFamilyCsv *csv)
{
  if (csv == NULL)
    return;
  g_ptr_array_unref (csv->families);
  g_ptr_array_unref (csv->problems);
  g_free (csv);
}

EfFamilyCsv *
ef_family_csv_read (const char              *data,
                    gsize                    length,
                    EfDay                    today,
                    const EfFamilyCsvKnown  *known,
                    GError                 **error)
{
  g_autoptr(EfFamilyCsv) csv = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GHashTable) groups_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  Reader reader = { known, today, { NULL, }, NULL };
  int positions[N_COLUMNS];
  EfCsvReader csv_reader;
  gboolean ok = FALSE;
  guint line;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                           _("The file is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”"));
      return NULL;
    }

  csv = g_new0 (EfFamilyCsv, 1);
  csv->families = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_family_free);
  csv->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  reader.csv = csv;

  ef_csv_reader_init (&csv_reader, data, length, ef_csv_guess_separator (data, length));
  if (!ef_csv_reader_read (&csv_reader, header, &line, &local_error) ||
      !map_header (&reader, header, positions, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG, _("The file is empty"));
      else
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                     /* Translators: %u is a line number in a CSV file */
                     _("Line %u: %s"), line, local_error->message);
      goto out;
    }

  while (ef_csv_reader_read (&csv_reader, fields, &line, &local_error))
    {
      Row *row;
      Group *group;

      if (ef_csv_record_is_blank (fields))
        continue;
      csv->n_rows++;
      row = read_row (&reader, fields, line, header->len, positions);
      if (row == NULL)
        continue;
      g_ptr_array_add (rows, row);

      row->has_address = row->fields[COLUMN_ADDRESS][0] != '\0' &&
                         row->fields[COLUMN_POSTAL_CODE][0] != '\0' &&
                         row->fields[COLUMN_CITY][0] != '\0';
      row->partial_address = !row->has_address &&
                             (row->fields[COLUMN_ADDRESS][0] != '\0' ||
                              row->fields[COLUMN_ADDRESS2][0] != '\0' ||
                              row->fields[COLUMN_POSTAL_CODE][0] != '\0' ||
                              row->fields[COLUMN_CITY][0] != '\0');
      if (row->partial_address)
        add_problem (&reader, row, COLUMN_ADDRESS,
                     _("the address is incomplete: give adresse, code_postal and ville, or none of them"));
      check_email (&reader, row, emails);

      if (row->fields[COLUMN_FAMILY][0] == '\0')
        {
          add_problem (&reader, row, COLUMN_FAMILY, "%s", _("is missing"));
          continue;
        }
      group = g_hash_table_lookup (groups_by_key, row->fields[COLUMN_FAMILY]);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->key = g_strdup (row->fields[COLUMN_FAMILY]);
          group->rows = g_ptr_array_new ();
          g_ptr_array_add (groups, group);
          g_hash_table_insert (groups_by_key, group->key, group);
        }
      g_ptr_array_add (group->rows, row);
    }
  if (local_error != NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   _("Line %u: %s"), line, local_error->message);
      goto out;
    }
  if (csv->n_rows == 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                           _("The file has a header but no member"));
      goto out;
    }

  for (guint i = 0; i < groups->len; i++)
    read_group (&reader, g_ptr_array_index (groups, i));
  g_ptr_array_sort (csv->problems, compare_problems);
  ok = TRUE;

out:
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (reader.headers[c]);
  return ok ? g_steal_pointer (&csv) : NULL;
}
