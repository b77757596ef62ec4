/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member.c: a member of the family (foyer) */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-member.h"

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
ef_member_finalize (GObject *object)
{
  EfMember *self = EF_MEMBER (object);

  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->caf_number, g_free);

  G_OBJECT_CLASS (ef_member_parent_class)->finalize (object);
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
ef_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfMember *self = EF_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_BIRTH_DATE:
      g_value_set_uint (value, self->birth_date);
      break;

    case PROP_ADDRESS:
      g_value_set_object (value, self->address);
      break;

    case PROP_PHONES:
      g_value_set_object (value, self->phones);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_CAF_NUMBER:
      g_value_set_string (value, self->caf_number);
      break;

    case PROP_PICKUP_PERSONS:
      g_value_set_object (value, self->pickup_persons);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_member_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfMember *self = EF_MEMBER (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_ROLE:
      self->role = g_value_get_enum (value);
      break;

    case PROP_FIRST_NAME:
      self->first_name = g_value_dup_string (value);
      break;

    case PROP_LAST_NAME:
      self->last_name = g_value_dup_string (value);
      break;

    case PROP_BIRTH_DATE:
      self->birth_date = g_value_get_uint (value);
      break;

    case PROP_ADDRESS:
      self->address = g_value_dup_object (value);
      break;

    case PROP_PHONES:
      self->phones = g_value_dup_object (value);
      break;

    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;

    case PROP_CAF_NUMBER:
      self->caf_number = g_value_dup_string (value);
      break;

    case PROP_PICKUP_PERSONS:
      self->pickup_persons = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_member_class_init (EfMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_member_constructed;
  object_class->dispose = ef_member_dispose;
  object_class->finalize = ef_member_finalize;
  object_class->get_property = ef_member_get_property;
  object_class->set_property = ef_member_set_property;

  /**
   * EfMember:id:
   *
   * The member's id on the portal.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:role:
   *
   * Responsible adult, child or other.
   */
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       EF_TYPE_MEMBER_ROLE, EF_MEMBER_ROLE_OTHER,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:first-name:
   *
   * The first name, as the town hall wrote it.
   */
  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:last-name:
   *
   * The last name, as the town hall wrote it.
   */
  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:birth-date:
   *
   * The day of birth.
   */
  properties[PROP_BIRTH_DATE] =
    g_param_spec_uint ("birth-date", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:address:
   *
   * Where the member lives, or %NULL when at the family's address.
   */
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         EF_TYPE_ADDRESS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:phones:
   *
   * The phone numbers, a #GListModel of #EfPhone.
   */
  properties[PROP_PHONES] =
    g_param_spec_object ("phones", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:email:
   *
   * The e-mail address, or %NULL.
   */
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:caf-number:
   *
   * The CAF allocataire number (7 digits), or %NULL.
   */
  properties[PROP_CAF_NUMBER] =
    g_param_spec_string ("caf-number", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfMember:pickup-persons:
   *
   * The persons allowed to pick the member up, a #GListModel of
   * #EfPickupPerson.
   */
  properties[PROP_PICKUP_PERSONS] =
    g_param_spec_object ("pickup-persons", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
