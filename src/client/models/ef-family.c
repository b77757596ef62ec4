/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family.c: the family (foyer) of the signed-in account */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-family.h"

struct _EfFamily
{
  GObject     parent_instance;

  gint64      id;
  char       *name;
  EfAddress  *address;
  GListModel *members;
};

G_DEFINE_FINAL_TYPE (EfFamily, ef_family, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_MEMBERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_family_dispose (GObject *object)
{
  EfFamily *self = EF_FAMILY (object);

  g_clear_object (&self->address);
  g_clear_object (&self->members);

  G_OBJECT_CLASS (ef_family_parent_class)->dispose (object);
}

static void
ef_family_finalize (GObject *object)
{
  EfFamily *self = EF_FAMILY (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ef_family_parent_class)->finalize (object);
}

static void
ef_family_constructed (GObject *object)
{
  EfFamily *self = EF_FAMILY (object);

  G_OBJECT_CLASS (ef_family_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->members == NULL)
    self->members = G_LIST_MODEL (g_list_store_new (EF_TYPE_MEMBER));
}

static void
ef_family_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfFamily *self = EF_FAMILY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ADDRESS:
      g_value_set_object (value, self->address);
      break;

    case PROP_MEMBERS:
      g_value_set_object (value, self->members);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_family_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfFamily *self = EF_FAMILY (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_ADDRESS:
      self->address = g_value_dup_object (value);
      break;

    case PROP_MEMBERS:
      self->members = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_family_class_init (EfFamilyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_family_constructed;
  object_class->dispose = ef_family_dispose;
  object_class->finalize = ef_family_finalize;
  object_class->get_property = ef_family_get_property;
  object_class->set_property = ef_family_set_property;

  /**
   * EfFamily:id:
   *
   * The family's id on the portal.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfFamily:name:
   *
   * The name the town hall gave the family ("Famille Martin").
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfFamily:address:
   *
   * The household's address, kept by the town hall.
   */
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         EF_TYPE_ADDRESS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfFamily:members:
   *
   * The members in the town hall's order, a #GListModel of #EfMember.
   */
  properties[PROP_MEMBERS] =
    g_param_spec_object ("members", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_family_init (EfFamily *self)
{
}

gint64
ef_family_get_id (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), 0);

  return self->id;
}

const char *
ef_family_get_name (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  return self->name;
}

/**
 * ef_family_get_address:
 * @self: a #EfFamily
 *
 * Returns: (transfer none): the household's address
 */
EfAddress *
ef_family_get_address (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  return self->address;
}

/**
 * ef_family_get_members:
 * @self: a #EfFamily
 *
 * Returns: (transfer none): a #GListModel of #EfMember
 */
GListModel *
ef_family_get_members (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  return self->members;
}

/**
 * ef_family_find_member:
 * @self: an #EfFamily
 * @member_id: a member's id
 *
 * Returns: (transfer none) (nullable): the member, or %NULL
 */
EfMember *
ef_family_find_member (EfFamily *self,
                       gint64    member_id)
{
  guint n;

  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  n = g_list_model_get_n_items (self->members);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (self->members, i);

      if (ef_member_get_id (member) == member_id)
        return member;
    }

  return NULL;
}
