/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member-patch.c: the contact fields of a member to change
 *
 * The body of PATCH {portal}/api/v1/members/{id}: only the fields set are
 * sent, and the portal leaves the others as they are. The identity fields
 * (names, birth date, role) are the town hall's and cannot be set here.
 */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-model-enums.h"
#include "ef-phone.h"
#include "ef-pickup-person.h"
#include "ef-member-patch.h"

struct _EfMemberPatch
{
  gatomicrefcount  ref_count;

  gboolean         has_address;
  EfAddress       *address;          /* (nullable): the family's */
  gboolean         has_email;
  char            *email;
  gboolean         has_caf_number;
  char            *caf_number;
  GListModel      *phones;           /* (nullable): unchanged */
  GListModel      *pickup_persons;   /* (nullable): unchanged */
};

G_DEFINE_BOXED_TYPE (EfMemberPatch, ef_member_patch, ef_member_patch_ref, ef_member_patch_unref)

static const char *
phone_kind_to_string (EfPhoneKind kind)
{
  switch (kind)
    {
    case EF_PHONE_KIND_HOME:
      return "home";

    case EF_PHONE_KIND_WORK:
      return "work";

    case EF_PHONE_KIND_MOBILE:
    default:
      return "mobile";
    }
}

/* NULL and "" both clear a field. */
static void
add_nullable_string (JsonBuilder *builder,
                     const char  *value)
{
  if (value == NULL || *value == '\0')
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

EfMemberPatch *
ef_member_patch_new (void)
{
  EfMemberPatch *self = g_new0 (EfMemberPatch, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

EfMemberPatch *
ef_member_patch_ref (EfMemberPatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ef_member_patch_unref (EfMemberPatch *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->address);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->caf_number, g_free);
  g_clear_object (&self->phones);
  g_clear_object (&self->pickup_persons);
  g_free (self);
}

/**
 * ef_member_patch_set_address:
 * @self: an #EfMemberPatch
 * @address: (nullable): where the member lives, or %NULL when at the
 *   family's address
 */
void
ef_member_patch_set_address (EfMemberPatch *self,
                             EfAddress     *address)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (address == NULL || EF_IS_ADDRESS (address));

  self->has_address = TRUE;
  g_set_object (&self->address, address);
}

/**
 * ef_member_patch_set_email:
 * @self: an #EfMemberPatch
 * @email: (nullable): the new e-mail address; %NULL or "" for none
 */
void
ef_member_patch_set_email (EfMemberPatch *self,
                           const char    *email)
{
  g_return_if_fail (self != NULL);

  self->has_email = TRUE;
  g_free (self->email);
  self->email = g_strdup (email);
}

/**
 * ef_member_patch_set_caf_number:
 * @self: an #EfMemberPatch
 * @caf_number: (nullable): the CAF number; %NULL or "" for none
 */
void
ef_member_patch_set_caf_number (EfMemberPatch *self,
                                const char    *caf_number)
{
  g_return_if_fail (self != NULL);

  self->has_caf_number = TRUE;
  g_free (self->caf_number);
  self->caf_number = g_strdup (caf_number);
}

/**
 * ef_member_patch_set_phones:
 * @self: an #EfMemberPatch
 * @phones: the whole list, a #GListModel of #EfPhone
 */
void
ef_member_patch_set_phones (EfMemberPatch *self,
                            GListModel    *phones)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (phones));

  g_set_object (&self->phones, phones);
}

/**
 * ef_member_patch_set_pickup_persons:
 * @self: an #EfMemberPatch
 * @pickup_persons: the whole list, a #GListModel of #EfPickupPerson; those
 *   with an id are kept, those with id 0 are new
 */
void
ef_member_patch_set_pickup_persons (EfMemberPatch *self,
                                    GListModel    *pickup_persons)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (pickup_persons));

  g_set_object (&self->pickup_persons, pickup_persons);
}

gboolean
ef_member_patch_is_empty (EfMemberPatch *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return !self->has_address && !self->has_email && !self->has_caf_number &&
         self->phones == NULL && self->pickup_persons == NULL;
}

/**
 * ef_member_patch_to_json:
 * @self: an #EfMemberPatch
 *
 * Returns: (transfer full): the request body, a MemberContactPatch
 */
JsonNode *
ef_member_patch_to_json (EfMemberPatch *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);

  if (self->has_address)
    {
      json_builder_set_member_name (builder, "address");
      if (self->address == NULL)
        json_builder_add_null_value (builder);
      else
        {
          const char *line2 = ef_address_get_line2 (self->address);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "line1");
          json_builder_add_string_value (builder, ef_address_get_line1 (self->address));
          json_builder_set_member_name (builder, "line2");
          json_builder_add_string_value (builder, line2 != NULL ? line2 : "");
          json_builder_set_member_name (builder, "postal_code");
          json_builder_add_string_value (builder, ef_address_get_postal_code (self->address));
          json_builder_set_member_name (builder, "city");
          json_builder_add_string_value (builder, ef_address_get_city (self->address));
          json_builder_end_object (builder);
        }
    }

  if (self->has_email)
    {
      json_builder_set_member_name (builder, "email");
      add_nullable_string (builder, self->email);
    }

  if (self->has_caf_number)
    {
      json_builder_set_member_name (builder, "caf_number");
      add_nullable_string (builder, self->caf_number);
    }

  if (self->phones != NULL)
    {
      guint n = g_list_model_get_n_items (self->phones);

      json_builder_set_member_name (builder, "phones");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (EfPhone) phone = g_list_model_get_item (self->phones, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, phone_kind_to_string (ef_phone_get_kind (phone)));
          json_builder_set_member_name (builder, "number");
          json_builder_add_string_value (builder, ef_phone_get_number (phone));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (self->pickup_persons != NULL)
    {
      guint n = g_list_model_get_n_items (self->pickup_persons);

      json_builder_set_member_name (builder, "pickup_persons");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (EfPickupPerson) person = g_list_model_get_item (self->pickup_persons, i);

          json_builder_begin_object (builder);
          if (ef_pickup_person_get_id (person) > 0)
            {
              json_builder_set_member_name (builder, "id");
              json_builder_add_int_value (builder, ef_pickup_person_get_id (person));
            }
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, ef_pickup_person_get_name (person));
          json_builder_set_member_name (builder, "phone");
          json_builder_add_string_value (builder, ef_pickup_person_get_phone (person));
          json_builder_set_member_name (builder, "relation");
          json_builder_add_string_value (builder, ef_pickup_person_get_relation (person));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
