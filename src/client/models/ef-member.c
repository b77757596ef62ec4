/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member.c: a member of the family (foyer) */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-member.h"
#include "ef-model-util.h"

struct _EfMember
{
  GObject       parent_instance;

  gint64        id;
  EfMemberRole  role;
  char         *first_name;
  char         *last_name;
  EfDay         birth_date;
  EfAddress    *address;
  GListModel   *phones;
  char         *email;
  char         *caf_number;
  GListModel   *pickup_persons;
};

G_DEFINE_FINAL_TYPE (EfMember, ef_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ROLE,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_BIRTH_DATE,
  PROP_ADDRESS,
  PROP_PHONES,
  PROP_EMAIL,
  PROP_CAF_NUMBER,
  PROP_PICKUP_PERSONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfMember, id),
  [PROP_ROLE] = G_STRUCT_OFFSET (EfMember, role),
  [PROP_FIRST_NAME] = G_STRUCT_OFFSET (EfMember, first_name),
  [PROP_LAST_NAME] = G_STRUCT_OFFSET (EfMember, last_name),
  [PROP_BIRTH_DATE] = G_STRUCT_OFFSET (EfMember, birth_date),
  [PROP_ADDRESS] = G_STRUCT_OFFSET (EfMember, address),
  [PROP_PHONES] = G_STRUCT_OFFSET (EfMember, phones),
  [PROP_EMAIL] = G_STRUCT_OFFSET (EfMember, email),
  [PROP_CAF_NUMBER] = G_STRUCT_OFFSET (EfMember, caf_number),
  [PROP_PICKUP_PERSONS] = G_STRUCT_OFFSET (EfMember, pickup_persons),
};

static void
ef_member_dispose (GObject *object)
{
  EfMember *self = EF_MEMBER (object);

  g_clear_object (&self->address);
  g_clear_object (&self->phones);
  g_clear_object (&self->pickup_persons);

  G_OBJECT_CLASS (ef_member_parent_class)->dispose (object);
}

static void
ef_member_constructed (GObject *object)
{
  EfMember *self = EF_MEMBER (object);

  G_OBJECT_CLASS (ef_member_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->phones == NULL)
    self->phones = G_LIST_MODEL (g_list_store_new (EF_TYPE_PHONE));
  if (self->pickup_persons == NULL)
    self->pickup_persons = G_LIST_MODEL (g_list_store_new (EF_TYPE_PICKUP_PERSON));
}

static void
ef_member_class_init (EfMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_member_constructed;
  object_class->dispose = ef_member_dispose;

  /**
   * EfMember:id:
   *
   * The member's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfMember:role:
   *
   * Responsible adult, child or other.
   */
  properties[PROP_ROLE] = _ef_model_param_enum ("role", EF_TYPE_MEMBER_ROLE, EF_MEMBER_ROLE_OTHER);

  /**
   * EfMember:first-name:
   *
   * The first name, as the town hall wrote it.
   */
  properties[PROP_FIRST_NAME] = _ef_model_param_string ("first-name");

  /**
   * EfMember:last-name:
   *
   * The last name, as the town hall wrote it.
   */
  properties[PROP_LAST_NAME] = _ef_model_param_string ("last-name");

  /**
   * EfMember:birth-date:
   *
   * The day of birth.
   */
  properties[PROP_BIRTH_DATE] = _ef_model_param_day ("birth-date");

  /**
   * EfMember:address:
   *
   * Where the member lives, or %NULL when at the family's address.
   */
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         EF_TYPE_ADDRESS,
                         EF_MODEL_PROPERTY_FLAGS);

  /**
   * EfMember:phones:
   *
   * The phone numbers, a #GListModel of #EfPhone.
   */
  properties[PROP_PHONES] = _ef_model_param_list ("phones");

  /**
   * EfMember:email:
   *
   * The e-mail address, or %NULL.
   */
  properties[PROP_EMAIL] = _ef_model_param_string ("email");

  /**
   * EfMember:caf-number:
   *
   * The CAF allocataire number (7 digits), or %NULL.
   */
  properties[PROP_CAF_NUMBER] = _ef_model_param_string ("caf-number");

  /**
   * EfMember:pickup-persons:
   *
   * The persons allowed to pick the member up, a #GListModel of
   * #EfPickupPerson.
   */
  properties[PROP_PICKUP_PERSONS] = _ef_model_param_list ("pickup-persons");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_member_init (EfMember *self)
{
}

gint64
ef_member_get_id (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), 0);

  return self->id;
}

EfMemberRole
ef_member_get_role (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), EF_MEMBER_ROLE_OTHER);

  return self->role;
}

const char *
ef_member_get_first_name (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->first_name;
}

const char *
ef_member_get_last_name (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->last_name;
}

EfDay
ef_member_get_birth_date (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), EF_DAY_INVALID);

  return self->birth_date;
}

/**
 * ef_member_get_address:
 * @self: a #EfMember
 *
 * Returns: (transfer none) (nullable): the member's own address, %NULL when it is the family's
 */
EfAddress *
ef_member_get_address (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->address;
}

/**
 * ef_member_get_phones:
 * @self: a #EfMember
 *
 * Returns: (transfer none): a #GListModel of #EfPhone
 */
GListModel *
ef_member_get_phones (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->phones;
}

const char *
ef_member_get_email (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->email;
}

const char *
ef_member_get_caf_number (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->caf_number;
}

/**
 * ef_member_get_pickup_persons:
 * @self: a #EfMember
 *
 * Returns: (transfer none): a #GListModel of #EfPickupPerson
 */
GListModel *
ef_member_get_pickup_persons (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return self->pickup_persons;
}

/**
 * ef_member_dup_full_name:
 * @self: an #EfMember
 *
 * Returns: (transfer full): "First Last", as a person reads it
 */
char *
ef_member_dup_full_name (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), NULL);

  return g_strjoin (" ", self->first_name != NULL ? self->first_name : "",
                    self->last_name != NULL ? self->last_name : "", NULL);
}

gboolean
ef_member_is_child (EfMember *self)
{
  g_return_val_if_fail (EF_IS_MEMBER (self), FALSE);

  return self->role == EF_MEMBER_ROLE_CHILD;
}
