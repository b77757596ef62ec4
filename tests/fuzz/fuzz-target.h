/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-target.h: what every fuzz target and its two drivers share */

#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* The libFuzzer entry point; the replay driver calls it too. Always
 * returns 0. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A NUL-terminated copy of the input, for parsers that take C strings. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  return text;
}

G_END_DECLS
