/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-state-stack.c: a list or content with its loading, empty and error states
 *
 * What a page shows while its list loads (a spinner), once it is loaded
 * (the list, or a status page saying that it is empty) and when it could
 * not be loaded (a status page with the error and a Retry button that
 * activates the page's reload action). The page's .ui gives the list as
 * the child and says only what differs: the texts, the icon, the action.
 *
 * Three looks: under a list in a scrolled page (the default), inside a
 * group of a page ("compact": a small spinner, compact status pages), or
 * filling a whole page ("whole-page": the spinner in the middle, a
 * crossfade between the states, a suggested Retry). The spinner is an
 * internal child, for a page that gives it a tooltip.
 */

#define G_LOG_DOMAIN "EfStateStack"

#include "config.h"

#include "ef-state-stack.h"
#include "ef-widget-util.h"

struct _EfStateStack
{
  GtkWidget      parent_instance;

  /* template children */
  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkButton     *retry_button;

  GtkWidget     *child;
  gboolean       compact;
  gboolean       whole_page;
};

G_DEFINE_FINAL_TYPE (EfStateStack, ef_state_stack, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_STATE,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_ERROR_TITLE,
  PROP_RELOAD_ACTION_NAME,
  PROP_COMPACT,
  PROP_WHOLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
update_look (EfStateStack *self)
{
  GtkWidget *spinner = GTK_WIDGET (self->spinner);

  gtk_widget_set_valign (spinner, self->whole_page ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  gtk_widget_set_margin_top (spinner, self->whole_page ? 0 : self->compact ? 24 : 48);
  gtk_widget_set_margin_bottom (spinner, !self->whole_page && self->compact ? 24 : 0);
  gtk_widget_set_size_request (spinner, self->compact ? -1 : 32, self->compact ? -1 : 32);
  set_css_class (GTK_WIDGET (self->empty_page), "compact", self->compact);
  set_css_class (GTK_WIDGET (self->error_page), "compact", self->compact);
  set_css_class (GTK_WIDGET (self->retry_button), "suggested-action", self->whole_page);
  gtk_stack_set_vhomogeneous (self->stack, self->whole_page);
  gtk_stack_set_transition_type (self->stack, self->whole_page ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                               : GTK_STACK_TRANSITION_TYPE_NONE);
}

static void
set_look (EfStateStack *self,
          gboolean     *flag,
          gboolean      value,
          GParamSpec   *pspec)
{
  if (*flag == !!value)
    return;

  *flag = !!value;
  update_look (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_status_text (EfStateStack  *self,
                 AdwStatusPage *page,
                 const char    *(*get) (AdwStatusPage *),
                 void           (*set) (AdwStatusPage *, const char *),
                 const char    *text,
                 GParamSpec    *pspec)
{
  if (g_strcmp0 (get (page), text) == 0)
    return;

  set (page, text);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
ef_state_stack_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfStateStack *self = EF_STATE_STACK (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_STATE:
      g_value_set_string (value, ef_state_stack_get_state (self));
      break;
    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;
    case PROP_ERROR_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->error_page));
      break;
    case PROP_RELOAD_ACTION_NAME:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->retry_button)));
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_WHOLE_PAGE:
      g_value_set_boolean (value, self->whole_page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_state_stack_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfStateStack *self = EF_STATE_STACK (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      ef_state_stack_set_child (self, g_value_get_object (value));
      break;
    case PROP_STATE:
      ef_state_stack_set_state (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_ICON_NAME:
      set_status_text (self, self->empty_page, adw_status_page_get_icon_name,
                       adw_status_page_set_icon_name, g_value_get_string (value), pspec);
      break;
    case PROP_EMPTY_TITLE:
      ef_state_stack_set_empty_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      set_status_text (self, self->empty_page, adw_status_page_get_description,
                       adw_status_page_set_description, g_value_get_string (value), pspec);
      break;
    case PROP_ERROR_TITLE:
      set_status_text (self, self->error_page, adw_status_page_get_title,
                       adw_status_page_set_title, g_value_get_string (value), pspec);
      break;
    case PROP_RELOAD_ACTION_NAME:
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->retry_button)),
                     g_value_get_string (value)) != 0)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_COMPACT:
      set_look (self, &self->compact, g_value_get_boolean (value), pspec);
      break;
    case PROP_WHOLE_PAGE:
      set_look (self, &self->whole_page, g_value_get_boolean (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_state_stack_dispose (GObject *object)
{
  EfStateStack *self = EF_STATE_STACK (object);

  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_STATE_STACK);
  self->child = NULL;

  G_OBJECT_CLASS (ef_state_stack_parent_class)->dispose (object);
}

static void
ef_state_stack_class_init (EfStateStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_state_stack_dispose;
  object_class->get_property = ef_state_stack_get_property;
  object_class->set_property = ef_state_stack_set_property;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "loading",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_TITLE] =
    g_param_spec_string ("error-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RELOAD_ACTION_NAME] =
    g_param_spec_string ("reload-action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WHOLE_PAGE] =
    g_param_spec_boolean ("whole-page", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/widgets/ef-state-stack.ui");
  gtk_widget_class_bind_template_child (widget_class, EfStateStack, stack);
  gtk_widget_class_bind_template_child_internal (widget_class, EfStateStack, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfStateStack, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EfStateStack, error_page);
  gtk_widget_class_bind_template_child (widget_class, EfStateStack, retry_button);
}

static void
ef_state_stack_init (EfStateStack *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_look (self);
  ef_state_stack_set_state (self, "loading");
}

/**
 * ef_state_stack_new:
 *
 * Returns: (transfer floating): a new state stack, loading and without a child
 */
GtkWidget *
ef_state_stack_new (void)
{
  return g_object_new (EF_TYPE_STATE_STACK, NULL);
}

/**
 * ef_state_stack_get_child:
 * @self: an #EfStateStack
 *
 * Returns: (transfer none) (nullable): the list or content shown in the "list" state
 */
GtkWidget *
ef_state_stack_get_child (EfStateStack *self)
{
  g_return_val_if_fail (EF_IS_STATE_STACK (self), NULL);

  return self->child;
}

/**
 * ef_state_stack_set_child:
 * @self: an #EfStateStack
 * @child: (nullable): the list or content to show in the "list" state
 */
void
ef_state_stack_set_child (EfStateStack *self,
                          GtkWidget    *child)
{
  g_return_if_fail (EF_IS_STATE_STACK (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  if (self->child != NULL)
    gtk_stack_remove (self->stack, self->child);
  self->child = child;
  if (child != NULL)
    gtk_stack_add_named (self->stack, child, "list");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * ef_state_stack_get_state:
 * @self: an #EfStateStack
 *
 * Returns: "loading", "list", "empty" or "error"
 */
const char *
ef_state_stack_get_state (EfStateStack *self)
{
  g_return_val_if_fail (EF_IS_STATE_STACK (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * ef_state_stack_set_state:
 * @self: an #EfStateStack
 * @state: "loading", "list", "empty" or "error"
 *
 * Shows @state; the spinner turns only while it is "loading", once that
 * has lasted %EF_SPINNER_DELAY_MS (ef_spinner_set_waiting()).
 */
void
ef_state_stack_set_state (EfStateStack *self,
                          const char   *state)
{
  g_return_if_fail (EF_IS_STATE_STACK (self));
  g_return_if_fail (state != NULL);
  g_return_if_fail (gtk_stack_get_child_by_name (self->stack, state) != NULL);

  /* A list that loads at once shows no flash of the spinner. */
  ef_spinner_set_waiting (self->spinner, g_str_equal (state, "loading"));
  if (g_strcmp0 (ef_state_stack_get_state (self), state) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * ef_state_stack_show_error:
 * @self: an #EfStateStack
 * @message: the sentence that says what happened and what to do
 *
 * Shows the "error" state with @message under the error's title.
 */
void
ef_state_stack_show_error (EfStateStack *self,
                           const char   *message)
{
  g_return_if_fail (EF_IS_STATE_STACK (self));

  adw_status_page_set_description (self->error_page, message);
  ef_state_stack_set_state (self, "error");
}

/**
 * ef_state_stack_get_empty_title:
 * @self: an #EfStateStack
 *
 * Returns: (nullable): the title of the "empty" state
 */
const char *
ef_state_stack_get_empty_title (EfStateStack *self)
{
  g_return_val_if_fail (EF_IS_STATE_STACK (self), NULL);

  return adw_status_page_get_title (self->empty_page);
}

/**
 * ef_state_stack_set_empty_title:
 * @self: an #EfStateStack
 * @title: (nullable): the title of the "empty" state
 */
void
ef_state_stack_set_empty_title (EfStateStack *self,
                                const char   *title)
{
  g_return_if_fail (EF_IS_STATE_STACK (self));

  set_status_text (self, self->empty_page, adw_status_page_get_title,
                   adw_status_page_set_title, title, properties[PROP_EMPTY_TITLE]);
}
