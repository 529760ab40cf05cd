#include "bindings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <xkbcommon/xkbcommon.h>

static const char *const command_names[VV_COMMAND_COUNT] = {
	[VV_COMMAND_FULLSCREEN] = "fullscreen",
	[VV_COMMAND_OVERLAY] = "overlay",
	[VV_COMMAND_SCALE] = "scale",
	[VV_COMMAND_SNAPSHOT] = "snapshot",
	[VV_COMMAND_QUIT] = "quit",
	[VV_COMMAND_RELEASE] = "release",
};

static const struct {
	const char *name;
	uint32_t mod;
} mod_names[] = {
	{ "shift", VV_MOD_SHIFT },  { "ctrl", VV_MOD_CTRL },
	{ "control", VV_MOD_CTRL }, { "alt", VV_MOD_ALT },
	{ "super", VV_MOD_SUPER },  { "logo", VV_MOD_SUPER },
};

void
vv_bindings_default(struct vv_bindings *b)
{
	*b = (struct vv_bindings){ 0 };
	b->keys[VV_COMMAND_FULLSCREEN].keysym = XKB_KEY_F11;
	b->keys[VV_COMMAND_OVERLAY].keysym = XKB_KEY_F12;
	b->keys[VV_COMMAND_SCALE].keysym = XKB_KEY_F10;
	b->keys[VV_COMMAND_SNAPSHOT].keysym = XKB_KEY_Print;
	b->keys[VV_COMMAND_QUIT] =
	    (struct vv_key){ .keysym = XKB_KEY_q, .mods = VV_MOD_CTRL };
	/* virt-viewer's and remote-viewer's release chord. */
	b->keys[VV_COMMAND_RELEASE] =
	    (struct vv_key){ .keysym = XKB_KEY_g,
			     .mods = VV_MOD_CTRL | VV_MOD_ALT };
}

int
vv_command_from_name(const char *name)
{
	for (int i = 0; i < VV_COMMAND_COUNT; i++)
		if (strcasecmp(name, command_names[i]) == 0)
			return i;
	return -1;
}

int
vv_key_parse(const char *text, struct vv_key *out, struct vv_err *err)
{
	char buf[128];
	char *save = NULL, *part, *last = NULL;
	struct vv_key key = { 0 };

	if (strcasecmp(text, "none") == 0) {
		*out = key;
		return 0;
	}
	if (snprintf(buf, sizeof(buf), "%s", text) >= (int)sizeof(buf) ||
	    !buf[0]) {
		return vv_err_set(err, EINVAL, "'%s' is not a key", text);
	}
	/* Every part but the last is a modifier. */
	for (part = strtok_r(buf, "+", &save); part;
	     part = strtok_r(NULL, "+", &save)) {
		if (last) {
			size_t i;
			for (i = 0;
			     i < sizeof(mod_names) / sizeof(mod_names[0]); i++)
				if (strcasecmp(last, mod_names[i].name) == 0)
					break;
			if (i == sizeof(mod_names) / sizeof(mod_names[0])) {
				return vv_err_set(
				    err, EINVAL,
				    "'%s' is not a modifier (Ctrl, Alt, Shift, Super)",
				    last);
			}
			key.mods |= mod_names[i].mod;
		}
		last = part;
	}
	if (!last) {
		return vv_err_set(err, EINVAL, "'%s' is not a key", text);
	}
	key.keysym = xkb_keysym_from_name(last, XKB_KEYSYM_CASE_INSENSITIVE);
	if (key.keysym == XKB_KEY_NoSymbol) {
		return vv_err_set(
		    err, EINVAL,
		    "'%s' is not a key name (xkbcommon's names: F11, Print, q, Escape, ...)",
		    last);
	}
	/* Letters match whatever Shift or Caps Lock made of them. */
	key.keysym = xkb_keysym_to_lower(key.keysym);
	*out = key;
	return 0;
}

void
vv_key_format(const struct vv_key *key, char *out, size_t len)
{
	char name[64];
	size_t used = 0;

	if (!key->keysym) {
		snprintf(out, len, "none");
		return;
	}
	out[0] = '\0';
	static const struct {
		uint32_t mod;
		const char *name;
	} order[] = { { VV_MOD_CTRL, "Ctrl+" },
		      { VV_MOD_ALT, "Alt+" },
		      { VV_MOD_SHIFT, "Shift+" },
		      { VV_MOD_SUPER, "Super+" } };
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (key->mods & order[i].mod && used < len)
			used += (size_t)snprintf(out + used, len - used, "%s",
						 order[i].name);
	xkb_keysym_get_name(key->keysym, name, sizeof(name));
	if (used < len)
		snprintf(out + used, len - used, "%s", name);
}

int
vv_bindings_set(struct vv_bindings *bindings, const char *assignment,
		struct vv_err *err)
{
	char name[64];
	const char *eq = strchr(assignment, '=');
	struct vv_key key;

	if (!eq || eq == assignment ||
	    (size_t)(eq - assignment) >= sizeof(name)) {
		return vv_err_set(err, EINVAL, "'%s' is not ACTION=KEY",
				  assignment);
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - assignment),
		 assignment);
	int command = vv_command_from_name(name);
	if (command < 0) {
		return vv_err_set(
		    err, EINVAL,
		    "'%s' is not an action (fullscreen, overlay, scale, snapshot, quit)",
		    name);
	}
	if (vv_key_parse(eq + 1, &key, err))
		return -EINVAL;
	bindings->keys[command] = key;
	return 0;
}

uint32_t
vv_bindings_mods(struct xkb_state *state)
{
	static const struct {
		const char *name;
		uint32_t mod;
	} map[] = {
		{ XKB_MOD_NAME_SHIFT, VV_MOD_SHIFT },
		{ XKB_MOD_NAME_CTRL, VV_MOD_CTRL },
		{ XKB_MOD_NAME_ALT, VV_MOD_ALT },
		{ XKB_MOD_NAME_LOGO, VV_MOD_SUPER },
	};
	uint32_t mods = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (xkb_state_mod_name_is_active(state, map[i].name,
						 XKB_STATE_MODS_EFFECTIVE) > 0)
			mods |= map[i].mod;
	return mods;
}

int
vv_bindings_match(const struct vv_bindings *bindings, uint32_t keysym,
		  uint32_t mods)
{
	keysym = xkb_keysym_to_lower(keysym);
	for (int i = 0; i < VV_COMMAND_COUNT; i++)
		if (bindings->keys[i].keysym &&
		    bindings->keys[i].keysym == keysym &&
		    bindings->keys[i].mods == mods)
			return i;
	return -1;
}
