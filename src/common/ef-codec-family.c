/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-family.c: the contract's Family, Member, Address, Phone and
 * PickupPerson, as plain records and their JSON */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include "ef-codec-family.h"
#include "ef-codec-private.h"
#include "ef-json.h"

const char * const ef_member_roles[] = { "responsible", "child", "other", NULL };
const char * const ef_phone_kinds[] = { "mobile", "home", "work", NULL };

const char * const ef_address_record_members[] = {
  "line1", "line2", "postal_code", "city", NULL
};
const char * const ef_phone_record_members[] = { "kind", "number", NULL };
const char * const ef_pickup_person_record_members[] = {
  "id", "name", "phone", "relation", NULL
};
const char * const ef_member_record_members[] = {
  "id", "role", "first_name", "last_name", "birth_date", "address",
  "phones", "email", "caf_number", "pickup_persons", NULL
};
const char * const ef_family_record_members[] = {
  "id", "name", "address", "members", NULL
};
const char * const ef_member_contact_patch_members[] = {
  "address", "phones", "email", "caf_number", "pickup_persons", NULL
};

/* ------------------------------------------------------------ records */

EfAddressRecord *
ef_address_record_copy (const EfAddressRecord *address)
{
  EfAddressRecord *copy;

  if (address == NULL)
    return NULL;
  copy = g_new0 (EfAddressRecord, 1);
  copy->line1 = g_strdup (address->line1);
  copy->line2 = g_strdup (address->line2);
  copy->postal_code = g_strdup (address->postal_code);
  copy->city = g_strdup (address->city);
  return copy;
}

void
ef_address_record_free (EfAddressRecord *address)
{
  if (address == NULL)
    return;
  g_free (address->line1);
  g_free (address->line2);
  g_free (address->postal_code);
  g_free (address->city);
  g_free (address);
}

gboolean
ef_address_record_equal (const EfAddressRecord *a,
                         const EfAddressRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->line1, b->line1) == 0 &&
         g_strcmp0 (a->line2 ? a->line2 : "", b->line2 ? b->line2 : "") == 0 &&
         g_strcmp0 (a->postal_code, b->postal_code) == 0 &&
         g_strcmp0 (a->city, b->city) == 0;
}

EfPhoneRecord *
ef_phone_record_copy (const EfPhoneRecord *phone)
{
  EfPhoneRecord *copy = g_new0 (EfPhoneRecord, 1);

  copy->kind = g_strdup (phone->kind);
  copy->number = g_strdup (phone->number);
  return copy;
}

void
ef_phone_record_free (EfPhoneRecord *phone)
{
  if (phone == NULL)
    return;
  g_free (phone->kind);
  g_free (phone->number);
  g_free (phone);
}

EfPickupPersonRecord *
ef_pickup_person_record_copy (const EfPickupPersonRecord *person)
{
  EfPickupPersonRecord *copy = g_new0 (EfPickupPersonRecord, 1);

  copy->id = person->id;
  copy->name = g_strdup (person->name);
  copy->phone = g_strdup (person->phone);
  copy->relation = g_strdup (person->relation);
  return copy;
}

void
ef_pickup_person_record_free (EfPickupPersonRecord *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->phone);
  g_free (person->relation);
  g_free (person);
}

EfMemberRecord *
ef_member_record_new (void)
{
  EfMemberRecord *member = g_new0 (EfMemberRecord, 1);

  member->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_phone_record_free);
  member->pickup_persons =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_pickup_person_record_free);
  return member;
}

EfMemberRecord *
ef_member_record_copy (const EfMemberRecord *member)
{
  EfMemberRecord *copy;

  g_return_val_if_fail (member != NULL, NULL);

  copy = ef_member_record_new ();
  copy->id = member->id;
  copy->reference = g_strdup (member->reference);
  copy->role = g_strdup (member->role);
  copy->first_name = g_strdup (member->first_name);
  copy->last_name = g_strdup (member->last_name);
  copy->birth_date = g_strdup (member->birth_date);
  copy->address = ef_address_record_copy (member->address);
  copy->email = g_strdup (member->email);
  copy->caf_number = g_strdup (member->caf_number);
  for (guint i = 0; i < member->phones->len; i++)
    g_ptr_array_add (copy->phones, ef_phone_record_copy (g_ptr_array_index (member->phones, i)));
  for (guint i = 0; i < member->pickup_persons->len; i++)
    g_ptr_array_add (copy->pickup_persons,
                     ef_pickup_person_record_copy (g_ptr_array_index (member->pickup_persons, i)));
  return copy;
}

void
ef_member_record_free (EfMemberRecord *member)
{
  if (member == NULL)
    return;
  g_free (member->reference);
  g_free (member->role);
  g_free (member->first_name);
  g_free (member->last_name);
  g_free (member->birth_date);
  ef_address_record_free (member->address);
  g_ptr_array_unref (member->phones);
  g_free (member->email);
  g_free (member->caf_number);
  g_ptr_array_unref (member->pickup_persons);
  g_free (member);
}

gboolean
ef_member_record_equal (const EfMemberRecord *a,
                        const EfMemberRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id ||
      g_strcmp0 (a->role, b->role) != 0 ||
      g_strcmp0 (a->first_name, b->first_name) != 0 ||
      g_strcmp0 (a->last_name, b->last_name) != 0 ||
      g_strcmp0 (a->birth_date, b->birth_date) != 0 ||
      !ef_address_record_equal (a->address, b->address) ||
      g_strcmp0 (a->email, b->email) != 0 ||
      g_strcmp0 (a->caf_number, b->caf_number) != 0 ||
      a->phones->len != b->phones->len ||
      a->pickup_persons->len != b->pickup_persons->len)
    return FALSE;
  for (guint i = 0; i < a->phones->len; i++)
    {
      const EfPhoneRecord *pa = g_ptr_array_index (a->phones, i);
      const EfPhoneRecord *pb = g_ptr_array_index (b->phones, i);

      if (g_strcmp0 (pa->kind, pb->kind) != 0 || g_strcmp0 (pa->number, pb->number) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->pickup_persons->len; i++)
    {
      const EfPickupPersonRecord *pa = g_ptr_array_index (a->pickup_persons, i);
      const EfPickupPersonRecord *pb = g_ptr_array_index (b->pickup_persons, i);

      if (pa->id != pb->id ||
          g_strcmp0 (pa->name, pb->name) != 0 ||
          g_strcmp0 (pa->phone, pb->phone) != 0 ||
          g_strcmp0 (pa->relation, pb->relation) != 0)
        return FALSE;
    }
  return TRUE;
}

EfFamilyRecord *
ef_family_record_new (void)
{
  EfFamilyRecord *family = g_new0 (EfFamilyRecord, 1);

  family->members = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_member_record_free);
  return family;
}

void
ef_family_record_free (EfFamilyRecord *family)
{
  if (family == NULL)
    return;
  g_free (family->reference);
  g_free (family->name);
  ef_address_record_free (family->address);
  g_ptr_array_unref (family->members);
  g_free (family);
}

gboolean
ef_family_record_equal (const EfFamilyRecord *a,
                        const EfFamilyRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id ||
      g_strcmp0 (a->name, b->name) != 0 ||
      !ef_address_record_equal (a->address, b->address) ||
      a->members->len != b->members->len)
    return FALSE;
  for (guint i = 0; i < a->members->len; i++)
    if (!ef_member_record_equal (g_ptr_array_index (a->members, i),
                                 g_ptr_array_index (b->members, i)))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ writing */

JsonNode *
ef_address_record_to_json (const EfAddressRecord *address)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (address == NULL)
    return json_node_new (JSON_NODE_NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "line1", address->line1);
  _ef_codec_add_string (builder, "line2", address->line2 ? address->line2 : "");
  _ef_codec_add_string (builder, "postal_code", address->postal_code);
  _ef_codec_add_string (builder, "city", address->city);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
ef_member_record_to_json (const EfMemberRecord *member)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (member != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", member->id);
  _ef_codec_add_string (builder, "role", member->role);
  _ef_codec_add_string (builder, "first_name", member->first_name);
  _ef_codec_add_string (builder, "last_name", member->last_name);
  _ef_codec_add_string (builder, "birth_date", member->birth_date);
  json_builder_set_member_name (builder, "address");
  json_builder_add_value (builder, ef_address_record_to_json (member->address));

  json_builder_set_member_name (builder, "phones");
  json_builder_begin_array (builder);
  for (guint i = 0; i < member->phones->len; i++)
    {
      const EfPhoneRecord *phone = g_ptr_array_index (member->phones, i);

      json_builder_begin_object (builder);
      _ef_codec_add_string (builder, "kind", phone->kind);
      _ef_codec_add_string (builder, "number", phone->number);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _ef_codec_add_string (builder, "email", member->email);
  _ef_codec_add_string (builder, "caf_number", member->caf_number);

  json_builder_set_member_name (builder, "pickup_persons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < member->pickup_persons->len; i++)
    {
      const EfPickupPersonRecord *person = g_ptr_array_index (member->pickup_persons, i);

      json_builder_begin_object (builder);
      _ef_codec_add_int (builder, "id", person->id);
      _ef_codec_add_string (builder, "name", person->name);
      _ef_codec_add_string (builder, "phone", person->phone);
      _ef_codec_add_string (builder, "relation", person->relation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_family_record_to_json (const EfFamilyRecord *family)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (family != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", family->id);
  _ef_codec_add_string (builder, "name", family->name);
  json_builder_set_member_name (builder, "address");
  json_builder_add_value (builder, ef_address_record_to_json (family->address));
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < family->members->len; i++)
    json_builder_add_value (builder,
                            ef_member_record_to_json (g_ptr_array_index (family->members, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------ reading */

static EfPhoneRecord *
read_phone (JsonNode    *node,
            const char  *what,
            GError     **error)
{
  g_autoptr(EfPhoneRecord) phone = g_new0 (EfPhoneRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_string (object, "kind", &phone->kind, error) ||
      !_ef_codec_get_string (object, "number", &phone->number, error))
    return NULL;
  return g_steal_pointer (&phone);
}

static EfPickupPersonRecord *
read_pickup_person (JsonNode    *node,
                    const char  *what,
                    GError     **error)
{
  g_autoptr(EfPickupPersonRecord) person = g_new0 (EfPickupPersonRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &person->id, error) ||
      !_ef_codec_get_string (object, "name", &person->name, error) ||
      !_ef_codec_get_string (object, "phone", &person->phone, error) ||
      !_ef_codec_get_string (object, "relation", &person->relation, error))
    return NULL;
  return g_steal_pointer (&person);
}

static EfAddressRecord *
read_address (JsonNode    *node,
              const char  *what,
              GError     **error)
{
  g_autoptr(EfAddressRecord) address = g_new0 (EfAddressRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);
  const char *line2 = "";

  if (object == NULL ||
      !_ef_codec_get_string (object, "line1", &address->line1, error) ||
      !ef_json_get_string (object, "line2", TRUE, &line2, error) ||
      !_ef_codec_get_string (object, "postal_code", &address->postal_code, error) ||
      !_ef_codec_get_string (object, "city", &address->city, error))
    return NULL;
  address->line2 = g_strdup (line2);
  return g_steal_pointer (&address);
}

static EfMemberRecord *
read_member (JsonNode    *node,
             const char  *what,
             GError     **error)
{
  g_autoptr(EfMemberRecord) member = ef_member_record_new ();
  JsonObject *object = _ef_codec_require_object (node, what, error);
  JsonNode *address;

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &member->id, error) ||
      !_ef_codec_get_string (object, "role", &member->role, error) ||
      !_ef_codec_get_string (object, "first_name", &member->first_name, error) ||
      !_ef_codec_get_string (object, "last_name", &member->last_name, error) ||
      !_ef_codec_get_day_text (object, "birth_date", &member->birth_date, error) ||
      !_ef_codec_get_nullable_string (object, "email", &member->email, error) ||
      !_ef_codec_get_nullable_string (object, "caf_number", &member->caf_number, error) ||
      !_ef_codec_read_items (object, "phones", (EfCodecItemReader) read_phone, member->phones,
                             error) ||
      !_ef_codec_read_items (object, "pickup_persons", (EfCodecItemReader) read_pickup_person,
                             member->pickup_persons, error))
    return NULL;

  address = json_object_get_member (object, "address");
  if (address != NULL && !JSON_NODE_HOLDS_NULL (address))
    {
      member->address = read_address (address, "address", error);
      if (member->address == NULL)
        return NULL;
    }
  return g_steal_pointer (&member);
}

EfAddressRecord *
ef_address_record_from_json (JsonNode  *node,
                             GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_address (node, "address", error);
}

EfMemberRecord *
ef_member_record_from_json (JsonNode  *node,
                            GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_member (node, "member", error);
}

EfFamilyRecord *
ef_family_record_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(EfFamilyRecord) family = ef_family_record_new ();
  JsonObject *object;
  JsonArray *members;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The members' array is checked before the address, as the client
   * always did. */
  object = _ef_codec_require_object (node, "family", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &family->id, error) ||
      !_ef_codec_get_string (object, "name", &family->name, error) ||
      !ef_json_get_array (object, "members", FALSE, &members, error))
    return NULL;

  family->address = read_address (json_object_get_member (object, "address"), "address", error);
  if (family->address == NULL ||
      !_ef_codec_read_items (object, "members", (EfCodecItemReader) read_member, family->members,
                             error))
    return NULL;
  return g_steal_pointer (&family);
}
