/* What the guest has down: a seat key pressed and let go there once, a
 * virtual keyboard's key (wtype) as the US key typing its symbol
 * (key-translate.h); and every key and button let go when capture ends,
 * the pointer leaves or its lock goes. */
#include "input-private.h"

#include <string.h>
#include <xkbcommon/xkbcommon.h>

#include "key-translate.h"
#include "log.h"

static bool
key_held(const struct vv_input *input, uint32_t key)
{
	return key < KEY_CNT && input->held[key / 8] & (1u << (key % 8));
}

/* One key down or up in the guest; a release only for a key it has down,
 * so a chord or a focus change never leaves it half a key. */
static void
guest_key(struct vv_input *input, uint32_t key, bool down)
{
	bool has = input->guest.ops &&
		   input->guest.ops->has_key(input->guest.data, key);

	if (!has || key >= KEY_CNT || !vv_input_guest_ready(input) ||
	    key_held(input, key) == down) {
		if (!has)
			vv_debug("input: evdev key %u has no guest key", key);
		return;
	}
	if (down)
		input->held[key / 8] |= (uint8_t)(1u << (key % 8));
	else
		input->held[key / 8] &= (uint8_t) ~(1u << (key % 8));
	input->guest.ops->key(input->guest.data, key, down);
}

/* The left key of each modifier, as a guest keyboard presses it. */
static const struct {
	uint32_t mod, key, right;
} mod_keys[] = {
	{ VV_MOD_SHIFT, KEY_LEFTSHIFT, KEY_RIGHTSHIFT },
	{ VV_MOD_CTRL, KEY_LEFTCTRL, KEY_RIGHTCTRL },
	{ VV_MOD_ALT, KEY_LEFTALT, KEY_RIGHTALT },
	{ VV_MOD_SUPER, KEY_LEFTMETA, KEY_RIGHTMETA },
};

/* A virtual keyboard's key @key down (key-translate.h): the US key typing
 * its symbol, with the modifiers the seat has on (a virtual keyboard sets
 * them without keys) or the symbol needs, pressed around it. True if it
 * was one; false: a physical key, to send as it is. */
static bool
virtual_key_down(struct vv_input *input, uint32_t key)
{
	uint32_t evdev;
	bool shift;

	if (!input->keymap || !input->state || input->translate_failed)
		return false;
	if (!input->translate) {
		input->translate = vv_key_translate_create(input->xkb);
		if (!input->translate) {
			vv_warn(
			    "input: no US keymap from xkeyboard-config (apt-get install xkb-data): keys of virtual keyboards (wtype) go to the guest as their raw codes");
			input->translate_failed = true;
			return false;
		}
	}
	xkb_keysym_t sym = xkb_state_key_get_one_sym(input->state, key + 8);
	if (!vv_key_translate(input->translate, input->keymap, key + 8, sym,
			      &evdev, &shift))
		return false;
	if (!evdev) {
		vv_debug("input: no US key types keysym 0x%x", sym);
		return true;
	}
	uint32_t mods =
	    vv_bindings_mods(input->state) | (shift ? VV_MOD_SHIFT : 0);
	uint8_t pressed = 0;
	for (size_t i = 0; i < sizeof(mod_keys) / sizeof(mod_keys[0]); i++) {
		if (!(mods & mod_keys[i].mod) ||
		    key_held(input, mod_keys[i].key) ||
		    key_held(input, mod_keys[i].right))
			continue;
		guest_key(input, mod_keys[i].key, true);
		pressed |= (uint8_t)mod_keys[i].mod;
	}
	guest_key(input, evdev, true);
	input->virtual_down[key].key = (uint16_t)evdev;
	input->virtual_down[key].mods = pressed;
	return true;
}

/* A virtual keyboard's key goes through its symbol, and its modifiers are
 * let go after it. */
void
vv_input_seat_key(struct vv_input *input, uint32_t key, bool down)
{
	if (key >= KEY_CNT)
		return;
	if (down) {
		if (!virtual_key_down(input, key))
			guest_key(input, key, true);
		return;
	}
	if (!input->virtual_down[key].key) {
		guest_key(input, key, false);
		return;
	}
	guest_key(input, input->virtual_down[key].key, false);
	for (size_t i = sizeof(mod_keys) / sizeof(mod_keys[0]); i-- > 0;)
		if (input->virtual_down[key].mods & mod_keys[i].mod)
			guest_key(input, mod_keys[i].key, false);
	input->virtual_down[key].key = 0;
	input->virtual_down[key].mods = 0;
}

void
vv_input_release_buttons(struct vv_input *input)
{
	for (uint32_t n = 0; n < 32 && input->guest.ops; n++)
		if (input->buttons_held & (1u << n))
			input->guest.ops->button(input->guest.data,
						 BTN_MOUSE + n, false);
	input->buttons_held = 0;
}

void
vv_input_release_all(struct vv_input *input)
{
	memset(input->virtual_down, 0, sizeof(input->virtual_down));
	for (uint32_t key = 0; key < KEY_CNT; key++)
		if (key_held(input, key))
			guest_key(input, key, false);
	vv_input_release_buttons(input);
}
