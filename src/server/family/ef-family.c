/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family.c: families, members, and the validation of their contact fields */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-family.h"

#define NAME_MAX_LENGTH     100
#define LINE_MAX_LENGTH     200
#define EMAIL_MAX_LENGTH    254
#define RELATION_MAX_LENGTH 100

/* The fields a parent may change (ef_member_contact_patch_members), and
 * those only the town hall may. */
static const char * const identity_fields[] = {
  "id", "role", "first_name", "last_name", "birth_date", "reference", NULL
};

static void
add_detail (JsonArray  *details,
            const char *field,
            const char *code)
{
  JsonObject *detail = json_object_new ();

  json_object_set_string_member (detail, "field", field);
  json_object_set_string_member (detail, "code", code);
  json_array_add_object_element (details, detail);
}

static gboolean
strv_contains (const char * const *strv,
               const char         *text)
{
  return text != NULL && g_strv_contains (strv, text);
}

static char *
field_path (const char *prefix,
            const char *name)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s.%s", prefix, name);
}

/* A trimmed string member. Missing, null or empty: NULL, with "required"
 * when @required. Any other type: "invalid_type". Longer than @max_length
 * characters: "too_long". */
static char *
read_text (JsonObject *object,
           const char *prefix,
           const char *name,
           gboolean    required,
           glong       max_length,
           JsonArray  *details)
{
  g_autofree char *field = field_path (prefix, name);
  g_autofree char *text = NULL;
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          add_detail (details, field, "invalid_type");
          return NULL;
        }
      text = g_strstrip (g_strdup (json_node_get_string (node)));
    }

  if (text == NULL || *text == '\0')
    {
      if (required)
        add_detail (details, field, "required");
      return NULL;
    }
  if (g_utf8_strlen (text, -1) > max_length)
    {
      add_detail (details, field, "too_long");
      return NULL;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        add_detail (details, field, "invalid_characters");
        return NULL;
      }
  return g_steal_pointer (&text);
}

/* Appends "unknown_field" for each member of @object not in @allowed. */
static void
check_known (JsonObject         *object,
             const char         *prefix,
             const char * const *allowed,
             JsonArray          *details)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *field = field_path (prefix, l->data);

        add_detail (details, field, "unknown_field");
      }
}

static JsonObject *
node_object (JsonNode   *node,
             const char *field,
             JsonArray  *details)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_detail (details, field, "invalid_type");
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
node_array (JsonNode   *node,
            const char *field,
            guint       max_length,
            JsonArray  *details)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      add_detail (details, field, "invalid_type");
      return NULL;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > max_length)
    {
      add_detail (details, field, "too_many");
      return NULL;
    }
  return array;
}

/* An address object; NULL when invalid (details appended). */
static EfAddress *
read_address (JsonObject *object,
              const char *prefix,
              JsonArray  *details)
{
  static const char * const allowed[] = { "line1", "line2", "postal_code", "city", NULL };
  g_autoptr(EfAddress) address = g_new0 (EfAddress, 1);
  g_autofree char *postal_field = field_path (prefix, "postal_code");
  guint before = json_array_get_length (details);

  check_known (object, prefix, allowed, details);
  address->line1 = read_text (object, prefix, "line1", TRUE, LINE_MAX_LENGTH, details);
  address->line2 = read_text (object, prefix, "line2", FALSE, LINE_MAX_LENGTH, details);
  address->postal_code = read_text (object, prefix, "postal_code", TRUE, 16, details);
  address->city = read_text (object, prefix, "city", TRUE, NAME_MAX_LENGTH, details);
  if (address->postal_code != NULL && !ef_postal_code_is_valid (address->postal_code))
    add_detail (details, postal_field, "invalid_postal_code");

  if (json_array_get_length (details) > before)
    return NULL;
  if (address->line2 == NULL)
    address->line2 = g_strdup ("");
  return g_steal_pointer (&address);
}

/* Reads one element of an array of objects (@object, at @prefix, e.g.
 * "phones[1]") into @items, appending details on every problem. */
typedef void (*ElementReader) (JsonObject *object,
                               const char *prefix,
                               GPtrArray  *items,
                               gpointer    user_data,
                               JsonArray  *details);

/* An array of at most @max_length objects with no members but @allowed,
 * each read by @read; NULL when anything in it is invalid (details
 * appended). */
static GPtrArray *
read_object_array (JsonNode           *node,
                   const char         *field,
                   guint               max_length,
                   const char * const *allowed,
                   GDestroyNotify      free_item,
                   ElementReader       read,
                   gpointer            user_data,
                   JsonArray          *details)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_item);
  guint before = json_array_get_length (details);
  JsonArray *array = node_array (node, field, max_length, details);

  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s[%u]", field, i);
      JsonObject *object = node_object (json_array_get_element (array, i), prefix, details);

      if (object == NULL)
        continue;
      check_known (object, prefix, allowed, details);
      read (object, prefix, items, user_data, details);
    }

  return json_array_get_length (details) > before ? NULL : g_steal_pointer (&items);
}

static void
read_phone (JsonObject *object,
            const char *prefix,
            GPtrArray  *phones,
            gpointer    user_data,
            JsonArray  *details)
{
  g_autofree char *kind_field = field_path (prefix, "kind");
  g_autofree char *number_field = field_path (prefix, "number");
  g_autofree char *kind = NULL;
  g_autofree char *number = NULL;
  g_autofree char *normalized = NULL;
  EfPhone *phone;

  kind = read_text (object, prefix, "kind", TRUE, 16, details);
  number = read_text (object, prefix, "number", TRUE, 32, details);
  if (kind != NULL && !strv_contains (ef_phone_kinds, kind))
    add_detail (details, kind_field, "invalid_kind");
  if (number != NULL && (normalized = ef_phone_normalize (number)) == NULL)
    add_detail (details, number_field, "invalid_phone");

  phone = g_new0 (EfPhone, 1);
  phone->kind = g_steal_pointer (&kind);
  phone->number = g_steal_pointer (&normalized);
  g_ptr_array_add (phones, phone);
}

static GPtrArray *
read_phones (JsonNode   *node,
             const char *field,
             JsonArray  *details)
{
  static const char * const allowed[] = { "kind", "number", NULL };

  return read_object_array (node, field, EF_MEMBER_MAX_PHONES, allowed,
                            (GDestroyNotify) ef_phone_free, read_phone, NULL, details);
}

/* @existing: the member's current pick-up persons, whose ids may be kept;
 * @persons: those read before this one. */
static void
read_pickup_person (JsonObject *object,
                    const char *prefix,
                    GPtrArray  *persons,
                    gpointer    existing_persons,
                    JsonArray  *details)
{
  GPtrArray *existing = existing_persons;
  g_autofree char *id_field = field_path (prefix, "id");
  g_autofree char *phone_field = field_path (prefix, "phone");
  g_autofree char *phone = NULL;
  EfPickupPerson *person;
  JsonNode *id_node;

  person = g_new0 (EfPickupPerson, 1);
  g_ptr_array_add (persons, person);

  /* An id keeps a pick-up person the member already has. */
  id_node = json_object_get_member (object, "id");
  if (id_node != NULL && !JSON_NODE_HOLDS_NULL (id_node))
    {
      gboolean found = FALSE;

      if (json_node_get_value_type (id_node) != G_TYPE_INT64)
        add_detail (details, id_field, "invalid_type");
      else
        {
          gint64 id = json_node_get_int (id_node);

          for (guint j = 0; existing != NULL && j < existing->len && !found; j++)
            found = ((EfPickupPerson *) g_ptr_array_index (existing, j))->id == id;
          for (guint j = 0; j < persons->len - 1 && found; j++)
            found = ((EfPickupPerson *) g_ptr_array_index (persons, j))->id != id;
          if (found)
            person->id = id;
          else
            add_detail (details, id_field, "not_found");
        }
    }

  person->name = read_text (object, prefix, "name", TRUE, LINE_MAX_LENGTH, details);
  person->relation = read_text (object, prefix, "relation", TRUE, RELATION_MAX_LENGTH, details);
  phone = read_text (object, prefix, "phone", TRUE, 32, details);
  if (phone != NULL && (person->phone = ef_phone_normalize (phone)) == NULL)
    add_detail (details, phone_field, "invalid_phone");
}

/* @existing: the member's current pick-up persons, whose ids may be kept. */
static GPtrArray *
read_pickup_persons (JsonNode   *node,
                     const char *field,
                     GPtrArray  *existing,
                     JsonArray  *details)
{
  static const char * const allowed[] = { "id", "name", "phone", "relation", NULL };

  return read_object_array (node, field, EF_MEMBER_MAX_PICKUP_PERSONS, allowed,
                            (GDestroyNotify) ef_pickup_person_free, read_pickup_person,
                            existing, details);
}

/* Reads the contact fields of @object present in it into @member; details
 * on every problem. Fields absent from @object are left as they are. */
static void
read_contact_fields (JsonObject *object,
                     const char *prefix,
                     EfMember   *member,
                     JsonArray  *details)
{
  JsonNode *node;

  if ((node = json_object_get_member (object, "address")) != NULL)
    {
      g_autofree char *field = field_path (prefix, "address");

      if (JSON_NODE_HOLDS_NULL (node))
        g_clear_pointer (&member->address, ef_address_free);
      else
        {
          JsonObject *address_object = node_object (node, field, details);
          EfAddress *address = address_object ? read_address (address_object, field, details) : NULL;

          if (address != NULL)
            {
              ef_address_free (member->address);
              member->address = address;
            }
        }
    }

  if ((node = json_object_get_member (object, "phones")) != NULL)
    {
      g_autofree char *field = field_path (prefix, "phones");
      GPtrArray *phones = read_phones (node, field, details);

      if (phones != NULL)
        {
          g_ptr_array_unref (member->phones);
          member->phones = phones;
        }
    }

  if (json_object_has_member (object, "email"))
    {
      g_autofree char *field = field_path (prefix, "email");
      g_autofree char *text = read_text (object, prefix, "email", FALSE, EMAIL_MAX_LENGTH, details);
      g_autofree char *email = text ? ef_email_normalize (text) : NULL;

      if (text != NULL && email == NULL)
        add_detail (details, field, "invalid_email");
      g_free (member->email);
      member->email = g_steal_pointer (&email);
    }

  if (json_object_has_member (object, "caf_number"))
    {
      g_autofree char *field = field_path (prefix, "caf_number");
      g_autofree char *text = read_text (object, prefix, "caf_number", FALSE, 16, details);
      g_autofree char *number = text ? ef_caf_number_normalize (text) : NULL;

      if (text != NULL && number == NULL)
        add_detail (details, field, "invalid_caf_number");
      g_free (member->caf_number);
      member->caf_number = g_steal_pointer (&number);
    }

  if ((node = json_object_get_member (object, "pickup_persons")) != NULL)
    {
      g_autofree char *field = field_path (prefix, "pickup_persons");
      GPtrArray *persons = read_pickup_persons (node, field, member->pickup_persons, details);

      if (persons != NULL)
        {
          g_ptr_array_unref (member->pickup_persons);
          member->pickup_persons = persons;
        }
    }
}

EfMember *
ef_family_find_member (EfFamily *family,
                       gint64    member_id)
{
  g_return_val_if_fail (family != NULL, NULL);

  for (guint i = 0; i < family->members->len; i++)
    {
      EfMember *member = g_ptr_array_index (family->members, i);

      if (member->id == member_id)
        return member;
    }
  return NULL;
}

char *
ef_phone_normalize (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  /* +33 6 12 34 56 78 → 0612345678 */
  if (g_str_has_prefix (p, "+33"))
    {
      g_string_append_c (digits, '0');
      p += 3;
      while (*p == ' ' || *p == '.')
        p++;
    }
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '.')
        return NULL;
      /* Separators only between digits, one at a time. */
      else if (digits->len == 0 || p[1] == ' ' || p[1] == '.' || p[1] == '\0')
        return NULL;
    }

  if (digits->len != 10 || digits->str[0] != '0' || digits->str[1] < '1' || digits->str[1] > '9')
    return NULL;

  return g_strdup_printf ("%.2s %.2s %.2s %.2s %.2s",
                          digits->str, digits->str + 2, digits->str + 4,
                          digits->str + 6, digits->str + 8);
}

static gboolean
email_local_char_is_valid (char c)
{
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+/=?^_`{|}~-.", c) != NULL;
}

gboolean
ef_email_is_valid (const char *text)
{
  const char *at;
  gsize len, local_len;
  g_auto(GStrv) labels = NULL;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  at = strchr (text, '@');
  if (len > EMAIL_MAX_LENGTH || at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;

  local_len = at - text;
  if (local_len == 0 || local_len > 64 || text[0] == '.' || at[-1] == '.')
    return FALSE;
  for (gsize i = 0; i < local_len; i++)
    if (!email_local_char_is_valid (text[i]) || (text[i] == '.' && text[i + 1] == '.'))
      return FALSE;

  /* A domain with at least two labels of letters, digits and hyphens. */
  labels = g_strsplit (at + 1, ".", -1);
  if (g_strv_length (labels) < 2)
    return FALSE;
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize label_len = strlen (labels[i]);

      if (label_len == 0 || label_len > 63 || labels[i][0] == '-' || labels[i][label_len - 1] == '-')
        return FALSE;
      for (gsize j = 0; j < label_len; j++)
        if (!g_ascii_isalnum (labels[i][j]) && labels[i][j] != '-')
          return FALSE;
    }
  return TRUE;
}

char *
ef_email_normalize (const char *text)
{
  g_autofree char *trimmed = NULL;
  char *at;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (!ef_email_is_valid (trimmed))
    return NULL;
  at = strchr (trimmed, '@');
  for (char *p = at; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  return g_steal_pointer (&trimmed);
}

gboolean
ef_postal_code_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 5)
    return FALSE;
  for (guint i = 0; i < 5; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  /* French postal codes start with a département, 01 to 98. */
  return !(text[0] == '0' && text[1] == '0') && !(text[0] == '9' && text[1] == '9');
}

char *
ef_caf_number_normalize (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ')
        return NULL;
    }
  if (digits->len != 7)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* Appends a detail for each member of @patch, in name order, that the
 * caller may not change: "field_not_editable" for an identity field
 * (unless @also_editable lists it), "unknown_field" for any other that is
 * not a contact field. */
static void
check_patch_members (JsonObject         *patch,
                     const char * const *also_editable,
                     JsonArray          *details)
{
  g_autoptr(GList) names = NULL;

  names = json_object_get_members (patch);
  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if ((also_editable != NULL && g_strv_contains (also_editable, l->data)) ||
          g_strv_contains (ef_member_contact_patch_members, l->data))
        continue;
      if (g_strv_contains (identity_fields, l->data))
        add_detail (details, l->data, "field_not_editable");
      else
        add_detail (details, l->data, "unknown_field");
    }
}

/* Reads the contact fields of @patch into @changed, a copy of @member;
 * then, unless @details grew beyond @before, swaps their contents, so that
 * @member is the changed one and @changed holds what is to be freed. */
static gboolean
apply_contact_fields (EfMember   *member,
                      EfMember   *changed,
                      JsonObject *patch,
                      guint       before,
                      JsonArray  *details)
{
  EfMember tmp;

  read_contact_fields (patch, NULL, changed, details);
  if (json_array_get_length (details) > before)
    return FALSE;

  tmp = *member;
  *member = *changed;
  *changed = tmp;
  return TRUE;
}

gboolean
ef_member_apply_patch (EfMember   *member,
                       JsonObject *patch,
                       JsonArray  *details)
{
  g_autoptr(EfMember) changed = NULL;
  guint before;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);
  g_return_val_if_fail (details != NULL, FALSE);

  before = json_array_get_length (details);
  check_patch_members (patch, NULL, details);
  changed = ef_member_copy (member);
  return apply_contact_fields (member, changed, patch, before, details);
}

gboolean
ef_member_apply_staff_patch (EfMember   *member,
                             JsonObject *patch,
                             EfDay       today,
                             JsonArray  *details)
{
  static const char * const staff_identity_fields[] = {
    "first_name", "last_name", "birth_date", NULL
  };
  g_autoptr(EfMember) changed = NULL;
  guint before;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);
  g_return_val_if_fail (details != NULL, FALSE);

  before = json_array_get_length (details);
  check_patch_members (patch, staff_identity_fields, details);
  changed = ef_member_copy (member);
  for (guint i = 0; staff_identity_fields[i] != NULL; i++)
    {
      const char *name = staff_identity_fields[i];
      char *text;

      if (!json_object_has_member (patch, name))
        continue;
      text = read_text (patch, NULL, name, TRUE,
                        g_str_equal (name, "birth_date") ? 10 : NAME_MAX_LENGTH, details);
      if (text == NULL)
        continue;
      if (g_str_equal (name, "birth_date"))
        {
          EfDay day = ef_day_parse_iso (text, NULL);

          if (day == EF_DAY_INVALID || day > today)
            {
              add_detail (details, name, "invalid_date");
              g_free (text);
              continue;
            }
          g_free (changed->birth_date);
          changed->birth_date = text;
        }
      else if (g_str_equal (name, "first_name"))
        {
          g_free (changed->first_name);
          changed->first_name = text;
        }
      else
        {
          g_free (changed->last_name);
          changed->last_name = text;
        }
    }
  return apply_contact_fields (member, changed, patch, before, details);
}

static EfMember *
read_member (JsonObject *object,
             const char *prefix,
             EfDay       today,
             JsonArray  *details)
{
  static const char * const allowed[] = {
    "reference", "role", "first_name", "last_name", "birth_date",
    "address", "phones", "email", "caf_number", "pickup_persons", NULL
  };
  g_autoptr(EfMember) member = ef_member_new ();
  g_autofree char *role_field = field_path (prefix, "role");
  g_autofree char *birth_field = field_path (prefix, "birth_date");
  guint before = json_array_get_length (details);

  check_known (object, prefix, allowed, details);
  member->reference = read_text (object, prefix, "reference", FALSE, 64, details);
  member->role = read_text (object, prefix, "role", TRUE, 16, details);
  member->first_name = read_text (object, prefix, "first_name", TRUE, NAME_MAX_LENGTH, details);
  member->last_name = read_text (object, prefix, "last_name", TRUE, NAME_MAX_LENGTH, details);
  member->birth_date = read_text (object, prefix, "birth_date", TRUE, 10, details);

  if (member->role != NULL && !strv_contains (ef_member_roles, member->role))
    add_detail (details, role_field, "invalid_role");
  if (member->birth_date != NULL)
    {
      EfDay day = ef_day_parse_iso (member->birth_date, NULL);

      if (day == EF_DAY_INVALID || day > today)
        add_detail (details, birth_field, "invalid_date");
    }
  read_contact_fields (object, prefix, member, details);

  return json_array_get_length (details) > before ? NULL : g_steal_pointer (&member);
}

EfFamily *
ef_family_from_json (JsonObject *object,
                     EfDay       today,
                     JsonArray  *details)
{
  static const char * const allowed[] = { "reference", "name", "address", "members", NULL };
  g_autoptr(EfFamily) family = ef_family_new ();
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean has_responsible = FALSE;
  guint before;
  JsonNode *node;
  JsonArray *members;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (details != NULL, NULL);

  before = json_array_get_length (details);
  check_known (object, NULL, allowed, details);
  family->reference = read_text (object, NULL, "reference", FALSE, 64, details);
  family->name = read_text (object, NULL, "name", TRUE, LINE_MAX_LENGTH, details);

  node = json_object_get_member (object, "address");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    add_detail (details, "address", "required");
  else if (JSON_NODE_HOLDS_OBJECT (node))
    family->address = read_address (json_node_get_object (node), "address", details);
  else
    add_detail (details, "address", "invalid_type");

  node = json_object_get_member (object, "members");
  members = node ? node_array (node, "members", 50, details) : NULL;
  if (node == NULL)
    add_detail (details, "members", "required");

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("members[%u]", i);
      JsonObject *member_object = node_object (json_array_get_element (members, i), prefix, details);
      EfMember *member = member_object ? read_member (member_object, prefix, today, details) : NULL;

      if (member == NULL)
        continue;
      if (member->reference != NULL && !g_hash_table_add (references, member->reference))
        {
          g_autofree char *field = field_path (prefix, "reference");

          add_detail (details, field, "duplicate");
        }
      has_responsible |= g_strcmp0 (member->role, "responsible") == 0;
      g_ptr_array_add (family->members, member);
    }
  if (members != NULL && json_array_get_length (details) == before && !has_responsible)
    add_detail (details, "members", "no_responsible");

  return json_array_get_length (details) > before ? NULL : g_steal_pointer (&family);
}
