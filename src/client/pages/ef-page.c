/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-page.c: what every page of the portal's content shares
 *
 * A page reads from one EfClient, given at construction, and names
 * itself in the sidebar with its title (the sign-in page, outside the
 * sidebar, has none). It owns a GCancellable that its loads pass on and
 * that dispose cancels, so that no answer comes back to a page that is
 * gone. Its template's root fills it (a GtkBinLayout). A subclass that
 * keeps models its template's widgets read drops them after chaining up
 * its dispose, once the template is gone.
 */

#define G_LOG_DOMAIN "EfPage"

#include "config.h"

#include "ef-page.h"
#include "widgets/ef-widget-util.h"

typedef struct
{
  EfClient     *client;
  char         *title;
  GCancellable *cancellable;
} EfPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (EfPage, ef_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EfPage *self = EF_PAGE (object);
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, priv->client);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  EfPage *self = EF_PAGE (object);
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      priv->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_page_dispose (GObject *object)
{
  EfPage *self = EF_PAGE (object);
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  if (priv->client != NULL)
    g_signal_handlers_disconnect_by_data (priv->client, self);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  ef_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  g_clear_object (&priv->client);

  G_OBJECT_CLASS (ef_page_parent_class)->dispose (object);
}

static void
ef_page_finalize (GObject *object)
{
  EfPagePrivate *priv = ef_page_get_instance_private (EF_PAGE (object));

  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (ef_page_parent_class)->finalize (object);
}

static void
ef_page_class_init (EfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_page_get_property;
  object_class->set_property = ef_page_set_property;
  object_class->dispose = ef_page_dispose;
  object_class->finalize = ef_page_finalize;

  /**
   * EfPage:client:
   *
   * The signed-in client the page reads from.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EfPage:title:
   *
   * The page's name in the sidebar, translated.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_page_init (EfPage *self)
{
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

/**
 * ef_page_get_client:
 * @self: an #EfPage
 *
 * Returns: (transfer none): the client the page reads from
 */
EfClient *
ef_page_get_client (EfPage *self)
{
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  g_return_val_if_fail (EF_IS_PAGE (self), NULL);

  return priv->client;
}

/**
 * ef_page_get_title:
 * @self: an #EfPage
 *
 * Returns: the page's name in the sidebar, translated
 */
const char *
ef_page_get_title (EfPage *self)
{
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  g_return_val_if_fail (EF_IS_PAGE (self), NULL);

  return priv->title;
}

/**
 * ef_page_set_title:
 * @self: an #EfPage
 * @title: the page's name in the sidebar, translated
 *
 * For subclasses: names the page.
 */
void
ef_page_set_title (EfPage     *self,
                   const char *title)
{
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  g_return_if_fail (EF_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * ef_page_get_cancellable:
 * @self: an #EfPage
 *
 * Returns: (transfer none): the cancellable of the page's current
 *   loads, cancelled when the page is disposed or renews it
 */
GCancellable *
ef_page_get_cancellable (EfPage *self)
{
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  g_return_val_if_fail (EF_IS_PAGE (self), NULL);

  return priv->cancellable;
}

/**
 * ef_page_renew_cancellable:
 * @self: an #EfPage
 *
 * For subclasses, as a new load begins: cancels what the page's
 * cancellable covers and puts a fresh one in its place.
 *
 * Returns: (transfer none): the new cancellable
 */
GCancellable *
ef_page_renew_cancellable (EfPage *self)
{
  EfPagePrivate *priv = ef_page_get_instance_private (self);

  g_return_val_if_fail (EF_IS_PAGE (self), NULL);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  return priv->cancellable;
}
