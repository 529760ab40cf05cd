/* Key bindings: which key combination does what. Parsed from the config
 * file and --bind, matched against xkbcommon keysyms; nothing here talks to
 * the compositor. */
#ifndef VV_BINDINGS_H
#define VV_BINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum vv_command {
	VV_COMMAND_FULLSCREEN, /* toggle fullscreen */
	VV_COMMAND_OVERLAY,    /* toggle the debug overlay */
	VV_COMMAND_SCALE,      /* cycle fit → integer → 1:1 */
	VV_COMMAND_SNAPSHOT,   /* write a PNG of the guest's screen */
	VV_COMMAND_QUIT,
	VV_COMMAND_RELEASE, /* with --qmp: input back to the viewer, or not */
	VV_COMMAND_COUNT,
};

enum vv_mod {
	VV_MOD_SHIFT = 1 << 0,
	VV_MOD_CTRL = 1 << 1,
	VV_MOD_ALT = 1 << 2,
	VV_MOD_SUPER = 1 << 3,
};

struct vv_key {
	uint32_t keysym; /* xkb keysym, lower case for letters; 0: unbound */
	uint32_t mods;   /* enum vv_mod */
};

struct vv_bindings {
	struct vv_key keys[VV_COMMAND_COUNT];
};

/* The defaults: F11, F12, F10, Print, Ctrl+q, Ctrl+Alt+g. */
void vv_bindings_default(struct vv_bindings *bindings);

/* The command the config file names @name ("fullscreen"), or -1 if none. */
int vv_command_from_name(const char *name);

/* Parses "Ctrl+Alt+F11", "F12", "Print", "ctrl+q", or "none" (unbound).
 * Returns 0, or -EINVAL with @err (which may be NULL) filled. */
int vv_key_parse(const char *text, struct vv_key *out, struct vv_err *err);

/* "Ctrl+q", "F11", "none". */
void vv_key_format(const struct vv_key *key, char *out, size_t len);

/* Parses "ACTION=KEY" into @bindings (--bind). -EINVAL with @err (which
 * may be NULL) filled. */
int vv_bindings_set(struct vv_bindings *bindings, const char *assignment,
		    struct vv_err *err);

struct xkb_state;

/* The modifiers in effect in xkb @state (a seat's), as enum vv_mod: what
 * vv_bindings_match takes. Caps Lock and Num Lock are none of them. */
uint32_t vv_bindings_mods(struct xkb_state *state);

/* The command bound to @keysym with exactly @mods, or -1. */
int vv_bindings_match(const struct vv_bindings *bindings, uint32_t keysym,
		      uint32_t mods);

#endif
