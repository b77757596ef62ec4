/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-lists-page.c: Listes du jour, the children expected on a day
 *
 * The day is the portal's (see EfStaffDayPage): the lists are those of
 * the town. Each activity of the agent's services shows its children; the
 * lists save as CSV or PDF.
 */

#define G_LOG_DOMAIN "EfStaffListsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-staff-lists-page.h"
#include "pages/ef-page-text.h"
#include "pages/ef-staff-day-page.h"

struct _EfStaffListsPage
{
  EfStaffDayPage parent_instance;

  /* template children */
  GtkWidget     *scrolled_window;
  EfDaySwitcher *day_switcher;
  GtkLabel      *status_label;
  GtkListBox    *lists_box;

  GListModel    *lists;
};

G_DEFINE_FINAL_TYPE (EfStaffListsPage, ef_staff_lists_page, EF_TYPE_STAFF_DAY_PAGE)

/* ---------------------------------------------------------------- helpers */

static GtkWidget *
new_list_row (EfDailyList *list)
{
  GtkWidget *row = adw_action_row_new ();
  const char *closed = ef_daily_list_get_closed (list);
  g_autofree char *title = g_markup_escape_text (ef_daily_list_get_name (list), -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  GtkWidget *count_label;

  if (closed != NULL)
    /* Translators: %s says why an activity is closed that day */
    subtitle = g_strdup_printf (_("Closed: %s"), closed);
  else if (ef_daily_list_get_count (list) == 0)
    subtitle = g_strdup (_("Nobody is expected."));
  else
    subtitle = g_strdup (ef_daily_list_get_children (list));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_free (g_steal_pointer (&title));
  title = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  count = g_strdup_printf ("%" G_GINT64_FORMAT, ef_daily_list_get_count (list));
  count_label = gtk_label_new (count);
  gtk_widget_add_css_class (count_label, "title-3");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
  gtk_widget_set_focusable (row, TRUE);
  return row;
}

static void
on_lists_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (EfStaffListsPage) self = user_data;
  g_autoptr (GListModel) lists = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *row;

  lists = ef_client_get_daily_lists_finish (EF_CLIENT (source), result, &error);
  if (lists == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        gtk_label_set_label (self->status_label, ef_client_error_get_user_message (error));
      return;
    }

  g_set_object (&self->lists, lists);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->lists_box))) != NULL)
    gtk_list_box_remove (self->lists_box, row);
  for (guint i = 0; i < g_list_model_get_n_items (lists); i++)
    {
      g_autoptr (EfDailyList) list = g_list_model_get_item (lists, i);

      gtk_list_box_append (self->lists_box, new_list_row (list));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lists_box), g_list_model_get_n_items (lists) > 0);
  gtk_label_set_label (self->status_label,
                       g_list_model_get_n_items (lists) > 0 ? "" : _("No activity on this day."));
}

/* ------------------------------------------------------------- callbacks */

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (EfStaffListsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_warning ("Could not save the lists: %s", error->message);
      gtk_label_set_label (self->status_label, _("The lists could not be saved."));
    }
}

typedef struct {
  EfStaffListsPage *page;
  GBytes           *bytes;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_object_unref (job->page);
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  SaveJob *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_replace_contents_bytes_async (file, job->bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                           ef_page_get_cancellable (EF_PAGE (job->page)), on_saved_cb,
                                           g_object_ref (job->page));
    }
  save_job_free (job);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Asks where to save the document of @result, then saves it there. */
static void
save_document (EfStaffListsPage *self,
               EfClient         *client,
               GAsyncResult     *result,
               gboolean          pdf)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  SaveJob *job;

  bytes = ef_client_get_daily_lists_document_finish (client, result, &error);
  if (bytes == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        gtk_label_set_label (self->status_label, ef_client_error_get_user_message (error));
      return;
    }

  iso = ef_day_format_iso (ef_day_switcher_get_day (self->day_switcher));
  /* Translators: the file name of the lists; %s is the day (2026-11-02), then the extension */
  name = g_strdup_printf (_("lists-%s.%s"), iso, pdf ? "pdf" : "csv");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Save the Lists"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  job = g_new0 (SaveJob, 1);
  job->page = g_object_ref (self);
  job->bytes = g_bytes_ref (bytes);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_csv_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (EfStaffListsPage) self = user_data;

  save_document (self, EF_CLIENT (source), result, FALSE);
}

static void
on_pdf_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (EfStaffListsPage) self = user_data;

  save_document (self, EF_CLIENT (source), result, TRUE);
}

/* -------------------------------------------------------------- actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EfStaffListsPage *self = EF_STAFF_LISTS_PAGE (widget);
  gboolean pdf = g_str_equal (g_variant_get_string (parameter, NULL), "pdf");
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  ef_client_get_daily_lists_document_async (client,
                                            ef_day_switcher_get_day (self->day_switcher),
                                            pdf ? EF_DAILY_LIST_FORMAT_PDF : EF_DAILY_LIST_FORMAT_CSV,
                                            cancellable, pdf ? on_pdf_cb : on_csv_cb,
                                            g_object_ref (self));
}

/* ---------------------------------------------------------------- vfuncs */

static void
ef_staff_lists_page_load_day (EfStaffDayPage *page,
                              EfDay           day,
                              GCancellable   *cancellable)
{
  EfStaffListsPage *self = EF_STAFF_LISTS_PAGE (page);

  g_clear_object (&self->lists);
  ef_client_get_daily_lists_async (ef_page_get_client (EF_PAGE (self)), day, cancellable,
                                   on_lists_cb, g_object_ref (self));
}

static void
ef_staff_lists_page_dispose (GObject *object)
{
  EfStaffListsPage *self = EF_STAFF_LISTS_PAGE (object);

  /* The template goes first: its widgets read the lists to the end. */
  G_OBJECT_CLASS (ef_staff_lists_page_parent_class)->dispose (object);

  g_clear_object (&self->lists);
}

static void
ef_staff_lists_page_class_init (EfStaffListsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EfStaffDayPageClass *day_page_class = EF_STAFF_DAY_PAGE_CLASS (klass);

  object_class->dispose = ef_staff_lists_page_dispose;
  day_page_class->load_day = ef_staff_lists_page_load_day;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/espacefamille/EspaceFamille/pages/ef-staff-lists-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfStaffListsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EfStaffListsPage, day_switcher);
  gtk_widget_class_bind_template_child (widget_class, EfStaffListsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EfStaffListsPage, lists_box);

  ef_day_switcher_class_install_actions (widget_class, "staff-lists",
                                         G_STRUCT_OFFSET (EfStaffListsPage, day_switcher));
  gtk_widget_class_install_action (widget_class, "staff-lists.save", "s", save_action);
}

static void
ef_staff_lists_page_init (EfStaffListsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("Lists of the Day"));
  _ef_staff_day_page_follow (EF_STAFF_DAY_PAGE (self), self->day_switcher, self->status_label);
}

/* ------------------------------------------------------------ public API */

/**
 * ef_staff_lists_page_new:
 * @client: the signed-in agent's #EfClient
 *
 * Returns: (transfer floating): a new #EfStaffListsPage, on the portal's today
 */
GtkWidget *
ef_staff_lists_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_STAFF_LISTS_PAGE, "client", client, NULL);
}

EfDay
ef_staff_lists_page_get_day (EfStaffListsPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_LISTS_PAGE (self), EF_DAY_INVALID);

  return ef_staff_day_page_get_day (EF_STAFF_DAY_PAGE (self));
}

void
ef_staff_lists_page_set_day (EfStaffListsPage *self,
                             EfDay             day)
{
  g_return_if_fail (EF_IS_STAFF_LISTS_PAGE (self));
  g_return_if_fail (ef_day_is_valid (day));

  ef_staff_day_page_set_day (EF_STAFF_DAY_PAGE (self), day);
}

GListModel *
ef_staff_lists_page_get_lists (EfStaffListsPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_LISTS_PAGE (self), NULL);

  return self->lists;
}
