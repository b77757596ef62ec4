/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payfip-html.c: the few HTML pages of online payment */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-payfip-html.h"

static const char style_sheet[] =
  ":root{color-scheme:light dark;--bg:#f6f6f6;--fg:#1e1e1e;--card:#fff;--muted:#5e5c64;"
  "--line:#deddda;--accent:#000091;--accent-fg:#fff;--ok:#26a269;--bad:#c01c28;--warn:#9c6e03}"
  "@media (prefers-color-scheme:dark){:root{--bg:#1e1e1e;--fg:#f6f5f4;--card:#2a2a2e;"
  "--muted:#c0bfbc;--line:#3d3846;--accent:#6a6af4;--ok:#57e389;--bad:#ff7b63;--warn:#f6d32d}}"
  "*{box-sizing:border-box}"
  "body{margin:0;background:var(--bg);color:var(--fg);"
  "font:16px/1.5 Cantarell,'Noto Sans','DejaVu Sans',system-ui,sans-serif}"
  "header{background:var(--accent);color:var(--accent-fg);padding:14px 24px}"
  "header .brand{font-weight:700;font-size:20px;letter-spacing:.02em}"
  "header .sub{opacity:.85;font-size:14px}"
  "main{max-width:620px;margin:28px auto;padding:0 16px}"
  ".card{background:var(--card);border:1px solid var(--line);border-radius:12px;"
  "padding:24px 28px;box-shadow:0 1px 3px rgba(0,0,0,.08)}"
  "h1{font-size:22px;margin:0 0 16px}"
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0 0 20px}"
  "dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}"
  ".amount{font-size:30px;font-weight:700;margin:4px 0 20px}"
  ".notice{border-left:4px solid var(--warn);padding:8px 12px;margin:0 0 20px;"
  "background:rgba(156,110,3,.08);font-size:14px}"
  ".error{border-left:4px solid var(--bad);padding:8px 12px;margin:0 0 16px;"
  "background:rgba(192,28,40,.08)}"
  "fieldset{border:1px solid var(--line);border-radius:8px;padding:12px 16px 16px;margin:0 0 20px}"
  "legend{padding:0 6px;color:var(--muted)}"
  "label{display:block;font-size:14px;margin:10px 0 4px}"
  "input{width:100%;font:inherit;padding:8px 10px;border:1px solid var(--line);"
  "border-radius:6px;background:var(--bg);color:var(--fg)}"
  ".row{display:flex;gap:12px}.row>div{flex:1}"
  ".hint{font-size:13px;color:var(--muted);margin:6px 0 0}"
  ".actions{display:flex;flex-wrap:wrap;gap:10px}"
  "button{font:inherit;font-weight:600;padding:10px 18px;border-radius:8px;"
  "border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer}"
  "button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-fg)}"
  "button.danger{color:var(--bad)}"
  ".status{font-size:20px;font-weight:700;margin:0 0 8px}"
  ".status.ok{color:var(--ok)}.status.bad{color:var(--bad)}.status.wait{color:var(--warn)}"
  "footer{max-width:620px;margin:0 auto 28px;padding:0 16px;font-size:13px;color:var(--muted)}";

void
ef_payfip_html_respond (SoupServerMessage *msg,
                        guint              status,
                        const char        *title,
                        const char        *header_html,
                        const char        *body_html)
{
  g_autofree char *escaped_title = ef_payfip_html_escape (title);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  char *page;

  page = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html lang=\"fr\">\n"
                          "<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"robots\" content=\"noindex\">\n"
                          "<title>%s</title>\n"
                          "<style>%s</style>\n"
                          "</head>\n"
                          "<body>\n"
                          "<header>%s</header>\n"
                          "<main>%s</main>\n"
                          "</body>\n"
                          "</html>\n",
                          escaped_title, style_sheet, header_html, body_html);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  /* Nothing but this page's own style and forms. */
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action 'self'; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, page, strlen (page));
}

char *
ef_payfip_html_format_euros (gint64 cents)
{
  return ef_money_format_french (cents);
}

char *
ef_payfip_html_escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}
