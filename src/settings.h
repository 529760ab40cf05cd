/* The config file, $XDG_CONFIG_HOME/vgpu-view/config (else
 * ~/.config/vgpu-view/config), INI:
 *
 *   [bindings]
 *   fullscreen = F11
 *   quit = none
 *   [view]
 *   scale = fit | integer | 1:1
 *   overlay = yes | no
 *   resize-guest = yes | no
 *
 * A bad line is one warning "FILE:LINE: what; using the default" and is
 * skipped: a typo never keeps a viewer from starting. */
#ifndef VV_SETTINGS_H
#define VV_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bindings.h"
#include "error.h"
#include "layout.h"

struct vv_settings {
	struct vv_bindings bindings;
	enum vv_scale_mode scale;
	bool overlay;
	bool resize_guest;
};

void vv_settings_default(struct vv_settings *settings);

/* Reads @path (NULL: the default place) into @settings; a missing default
 * file is not an error. Warnings go to the log. Returns the number of bad
 * lines. */
int vv_config_load(struct vv_settings *settings, const char *path);

/* Parses the config text of @f (named @name in messages), a line of at most
 * VV_CONFIG_LINE_MAX bytes at a time; a longer line is one bad line,
 * skipped whole. Stops with one warning after VV_CONFIG_BYTES_MAX bytes or
 * VV_CONFIG_BAD_MAX bad lines (that counts as one more bad line). */
int vv_config_parse(struct vv_settings *settings, FILE *f, const char *name);

#define VV_CONFIG_LINE_MAX    1024
#define VV_CONFIG_SECTION_MAX 64
#define VV_CONFIG_BYTES_MAX   (1024 * 1024)
#define VV_CONFIG_BAD_MAX     20

/* One line of config text: @text_len bytes, no newline, any bytes. A
 * [section] line sets @section (VV_CONFIG_SECTION_MAX bytes, "" before the
 * first); a key = value line applies to @settings. Returns 0 (also for
 * blank and comment lines), or -EINVAL with @err (which may be NULL)
 * filled. Pure: no I/O, no log; the fuzz target's entry point. */
int vv_config_parse_line(struct vv_settings *settings, char *section,
			 const char *text, size_t text_len, struct vv_err *err);

#endif
