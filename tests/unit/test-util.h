/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-util.h: what the unit tests share */

#pragma once

#include <string.h>
#include <time.h>

#include <glib.h>

/* Sets TZ, before anything reads it, to a zone far from Paris:
 * America/Los_Angeles, or the zone of a "--tz=ZONE" argument (removed from
 * @argv), so that a test proves the machine's zone is irrelevant. */
static inline void
set_far_time_zone (int   *argc,
                   char **argv)
{
  const char *zone = "America/Los_Angeles";
  int kept = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--tz="))
        zone = argv[i] + strlen ("--tz=");
      else
        argv[kept++] = argv[i];
    }
  argv[kept] = NULL;
  *argc = kept;

  g_setenv ("TZ", zone, TRUE);
  tzset ();
}
