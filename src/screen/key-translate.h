/* Keys from a keymap that is not the evdev one. A virtual keyboard (wtype,
 * an on-screen keyboard) uploads a keymap of its own in which keycode 9 may
 * type "H": its codes are not keys of a keyboard, and sent to the guest as
 * they are they would press Esc. Such a key goes to the guest as the key a
 * US keyboard presses for the same symbol, with Shift when that key needs
 * it. Keys named as the evdev keymap names that code are physical keys and
 * go through untouched (the guest applies its own layout). */
#ifndef VV_KEY_TRANSLATE_H
#define VV_KEY_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include <xkbcommon/xkbcommon.h>

struct vv_key_translate;

/* Compiles the reference keymap (evdev rules, pc105, us) in @ctx. NULL
 * when xkeyboard-config cannot give it: then keys go through as they are. */
struct vv_key_translate *vv_key_translate_create(struct xkb_context *ctx);

void vv_key_translate_destroy(struct vv_key_translate *t);

/* Key @keycode (xkb: evdev + 8) of @keymap, which types @sym now. False:
 * a physical key (its name is the reference's at @keycode), send its evdev
 * code. True: a virtual keyboard's key; *@evdev is the US key typing @sym
 * (0: none does) and *@shift says that key needs Shift for it. */
bool vv_key_translate(const struct vv_key_translate *t,
		      struct xkb_keymap *keymap, xkb_keycode_t keycode,
		      xkb_keysym_t sym, uint32_t *evdev, bool *shift);

#endif
