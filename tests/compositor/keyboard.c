/*
 * wl_keyboard: the keymap (xkbcommon, RMLVO evdev/pc105/us, its text in a
 * sealed memfd shared by every keyboard), repeat info, focus, and the
 * control command "key NAME [MOD+MOD...]" played as a real keyboard would:
 * modifier keys down, the key down and up, modifier keys up, with a
 * modifiers event after each change of the xkb state.
 */
#include "seat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wayland-server-protocol.h>
#include <xkbcommon/xkbcommon.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"

/* evdev keycodes are xkb keycodes - 8 (xkeyboard-config's evdev rules) */
#define EVDEV_OFFSET 8
#define REPEAT_RATE  25  /* keys per second */
#define REPEAT_DELAY 600 /* ms */

static const struct {
	const char *name; /* in control commands and the log */
	const char *keysym;
} modifiers[] = {
	{ "shift", "Shift_L" },
	{ "ctrl", "Control_L" },
	{ "alt", "Alt_L" },
	{ "super", "Super_L" },
};

int
tc_keyboard_init(struct tc_seat *seat)
{
	const struct xkb_rule_names names = {
		.rules = "evdev",
		.model = "pc105",
		.layout = "us",
	};

	seat->xkb = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	if (!seat->xkb)
		return -ENOMEM;
	seat->keymap = xkb_keymap_new_from_names(seat->xkb, &names,
						 XKB_KEYMAP_COMPILE_NO_FLAGS);
	if (!seat->keymap)
		return -ENOENT;
	seat->state = xkb_state_new(seat->keymap);
	if (!seat->state)
		return -ENOMEM;
	char *text =
	    xkb_keymap_get_as_string(seat->keymap, XKB_KEYMAP_FORMAT_TEXT_V1);
	if (!text)
		return -ENOMEM;
	size_t size = strlen(text) + 1;
	int ret = 0;
	seat->keymap_fd =
	    memfd_create("vv-keymap", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (seat->keymap_fd < 0) {
		ret = -errno;
		goto out;
	}
	for (size_t done = 0; done < size;) {
		ssize_t n = write(seat->keymap_fd, text + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = n < 0 ? -errno : -EIO;
			goto out;
		}
		done += n;
	}
	/* shared by every client: nobody may change it */
	if (fcntl(seat->keymap_fd, F_ADD_SEALS,
		  F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) <
	    0) {
		ret = -errno;
		goto out;
	}
	seat->keymap_size = (uint32_t)size;
out:
	free(text);
	return ret;
}

void
tc_keyboard_finish(struct tc_seat *seat)
{
	if (seat->keymap_fd >= 0)
		close(seat->keymap_fd);
	seat->keymap_fd = -1;
	xkb_state_unref(seat->state);
	xkb_keymap_unref(seat->keymap);
	xkb_context_unref(seat->xkb);
	seat->state = NULL;
	seat->keymap = NULL;
	seat->xkb = NULL;
}

static void
keyboard_handle_release(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wl_keyboard_interface keyboard_implementation = {
	.release = keyboard_handle_release,
};

static void
keyboard_resource_destroy(struct wl_resource *resource)
{
	wl_list_remove(wl_resource_get_link(resource));
}

static void
send_modifiers(struct tc_seat *seat, struct wl_resource *keyboard,
	       uint32_t serial)
{
	wl_keyboard_send_modifiers(
	    keyboard, serial,
	    xkb_state_serialize_mods(seat->state, XKB_STATE_MODS_DEPRESSED),
	    xkb_state_serialize_mods(seat->state, XKB_STATE_MODS_LATCHED),
	    xkb_state_serialize_mods(seat->state, XKB_STATE_MODS_LOCKED),
	    xkb_state_serialize_layout(seat->state,
				       XKB_STATE_LAYOUT_EFFECTIVE));
}

static bool
same_client(struct wl_resource *resource, struct tc_surface *surface)
{
	return wl_resource_get_client(resource) ==
	       wl_resource_get_client(surface->resource);
}

static void
enter_one(struct tc_seat *seat, struct wl_resource *keyboard,
	  struct tc_surface *surface, uint32_t serial)
{
	struct wl_array keys;

	wl_array_init(&keys); /* nothing is held between commands */
	wl_keyboard_send_enter(keyboard, serial, surface->resource, &keys);
	wl_array_release(&keys);
	send_modifiers(seat, keyboard, serial);
}

void
tc_keyboard_create(struct tc_seat *seat, struct wl_client *client,
		   uint32_t version, uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wl_keyboard_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &keyboard_implementation, seat,
				       keyboard_resource_destroy);
	wl_list_insert(seat->keyboards.prev, wl_resource_get_link(resource));
	wl_keyboard_send_keymap(resource, WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1,
				seat->keymap_fd, seat->keymap_size);
	if (version >= WL_KEYBOARD_REPEAT_INFO_SINCE_VERSION)
		wl_keyboard_send_repeat_info(resource, REPEAT_RATE,
					     REPEAT_DELAY);
	tc_plog("keymap size=%u", seat->keymap_size);
	/* a keyboard made while its client has the focus enters at once */
	if (seat->focus && same_client(resource, seat->focus)) {
		uint32_t serial = wl_display_next_serial(seat->server->display);

		enter_one(seat, resource, seat->focus, serial);
		tc_plog("keyboard-enter surface=%u serial=%u",
			wl_resource_get_id(seat->focus->resource), serial);
	}
}

void
tc_keyboard_enter(struct tc_seat *seat, struct tc_surface *surface)
{
	uint32_t serial = wl_display_next_serial(seat->server->display);
	struct wl_resource *keyboard;

	wl_resource_for_each(keyboard, &seat->keyboards)
	{
		if (same_client(keyboard, surface))
			enter_one(seat, keyboard, surface, serial);
	}
	tc_plog("keyboard-enter surface=%u serial=%u",
		wl_resource_get_id(surface->resource), serial);
}

void
tc_keyboard_leave(struct tc_seat *seat, struct tc_surface *surface)
{
	uint32_t serial = wl_display_next_serial(seat->server->display);
	struct wl_resource *keyboard;

	wl_resource_for_each(keyboard, &seat->keyboards)
	{
		if (same_client(keyboard, surface))
			wl_keyboard_send_leave(keyboard, serial,
					       surface->resource);
	}
	tc_plog("keyboard-leave surface=%u serial=%u",
		wl_resource_get_id(surface->resource), serial);
}

/* The keycode whose first level (layout us, no modifiers) gives sym. */
static xkb_keycode_t
keycode_for(struct xkb_keymap *keymap, xkb_keysym_t sym)
{
	xkb_keycode_t min = xkb_keymap_min_keycode(keymap);
	xkb_keycode_t max = xkb_keymap_max_keycode(keymap);

	for (xkb_keycode_t code = min; code <= max; code++) {
		const xkb_keysym_t *syms;
		int n =
		    xkb_keymap_key_get_syms_by_level(keymap, code, 0, 0, &syms);

		for (int i = 0; i < n; i++) {
			if (syms[i] == sym)
				return code;
		}
	}
	return XKB_KEYCODE_INVALID;
}

static xkb_keycode_t
keycode_for_name(struct xkb_keymap *keymap, const char *name)
{
	xkb_keysym_t sym = xkb_keysym_from_name(name, XKB_KEYSYM_NO_FLAGS);

	if (sym == XKB_KEY_NoSymbol)
		return XKB_KEYCODE_INVALID;
	return keycode_for(keymap, sym);
}

/* One key event to the focused client's keyboards, the xkb state
 * updated, and modifiers sent when they changed. */
static void
play_key(struct tc_seat *seat, xkb_keycode_t code, bool down)
{
	struct tc_surface *focus = seat->focus;
	uint32_t serial = wl_display_next_serial(seat->server->display);
	uint32_t time = tc_seat_time_ms();
	struct wl_resource *keyboard;

	wl_resource_for_each(keyboard, &seat->keyboards)
	{
		if (same_client(keyboard, focus))
			wl_keyboard_send_key(
			    keyboard, serial, time, code - EVDEV_OFFSET,
			    down ? WL_KEYBOARD_KEY_STATE_PRESSED
				 : WL_KEYBOARD_KEY_STATE_RELEASED);
	}
	enum xkb_state_component changed = xkb_state_update_key(
	    seat->state, code, down ? XKB_KEY_DOWN : XKB_KEY_UP);
	if (!(changed & (XKB_STATE_MODS_DEPRESSED | XKB_STATE_MODS_LATCHED |
			 XKB_STATE_MODS_LOCKED | XKB_STATE_LAYOUT_EFFECTIVE)))
		return;
	serial = wl_display_next_serial(seat->server->display);
	wl_resource_for_each(keyboard, &seat->keyboards)
	{
		if (same_client(keyboard, focus))
			send_modifiers(seat, keyboard, serial);
	}
}

const char *
tc_keyboard_control_key(struct tc_seat *seat, char *args)
{
	xkb_keycode_t mods[sizeof(modifiers) / sizeof(*modifiers)];
	size_t mod_count = 0;
	char *save = NULL, *name, *list, *extra;
	char mod_names[64] = "";

	name = args ? strtok_r(args, " ", &save) : NULL;
	list = name ? strtok_r(NULL, " ", &save) : NULL;
	extra = list ? strtok_r(NULL, " ", &save) : NULL;
	if (!name || extra)
		return "";
	xkb_keycode_t code = keycode_for_name(seat->keymap, name);
	if (code == XKB_KEYCODE_INVALID)
		return " (unknown key: not an xkb keysym name on the first level of the us layout)";
	for (char *m = list ? strtok_r(list, "+", &save) : NULL; m;
	     m = strtok_r(NULL, "+", &save)) {
		size_t i;

		for (i = 0; i < sizeof(modifiers) / sizeof(*modifiers); i++) {
			if (strcmp(m, modifiers[i].name) == 0)
				break;
		}
		if (i == sizeof(modifiers) / sizeof(*modifiers))
			return " (unknown modifier: shift, ctrl, alt or super)";
		if (mod_count == sizeof(mods) / sizeof(*mods))
			return "";
		mods[mod_count++] =
		    keycode_for_name(seat->keymap, modifiers[i].keysym);
		snprintf(mod_names + strlen(mod_names),
			 sizeof(mod_names) - strlen(mod_names), "%s%s",
			 mod_count > 1 ? "+" : "", modifiers[i].name);
	}
	if (!seat->focus)
		return " (no keyboard focus)";
	for (size_t i = 0; i < mod_count; i++)
		play_key(seat, mods[i], true);
	play_key(seat, code, true);
	play_key(seat, code, false);
	for (size_t i = mod_count; i-- > 0;)
		play_key(seat, mods[i], false);
	tc_plog("key %s mods=%s keycode=%u", name,
		mod_count ? mod_names : "none", code - EVDEV_OFFSET);
	return NULL;
}

const char *
tc_keyboard_control_hold(struct tc_seat *seat, char *args, bool down)
{
	char *save = NULL;
	char *name = args ? strtok_r(args, " ", &save) : NULL;

	if (!name || strtok_r(NULL, " ", &save))
		return "";
	xkb_keycode_t code = keycode_for_name(seat->keymap, name);
	if (code == XKB_KEYCODE_INVALID)
		return " (unknown key: not an xkb keysym name on the first level of the us layout)";
	if (!seat->focus)
		return " (no keyboard focus)";
	play_key(seat, code, down);
	tc_plog("key-%s %s keycode=%u", down ? "down" : "up", name,
		code - EVDEV_OFFSET);
	return NULL;
}

const char *
tc_keyboard_control_raw(struct tc_seat *seat, const char *cmd, char *args)
{
	char state[16];
	unsigned code;
	int end = 0;

	if (!seat->focus)
		return " (no keyboard focus)";
	if (strcmp(cmd, "keyboard-leave") == 0 ||
	    strcmp(cmd, "keyboard-enter") == 0) {
		if (args)
			return "";
		if (cmd[9] == 'l')
			tc_keyboard_leave(seat, seat->focus);
		else
			tc_keyboard_enter(seat, seat->focus);
		return NULL;
	}
	if (!args || sscanf(args, "%u %15s%n", &code, state, &end) != 2 ||
	    args[end] != '\0' || code > 0x2ff ||
	    (strcmp(state, "down") != 0 && strcmp(state, "up") != 0))
		return "";
	play_key(seat, code + EVDEV_OFFSET, strcmp(state, "down") == 0);
	tc_plog("keycode %u %s", code, state);
	return NULL;
}
