/* Keys of a virtual keyboard's own keymap (wtype's, keycode 9 typing "H")
 * become the US key typing the same symbol, with Shift when that needs it;
 * keys of the evdev keymap a compositor gives for a real keyboard are
 * physical and stay as they are. Needs xkeyboard-config (xkb-data). */
#include <linux/input-event-codes.h>
#include <stdlib.h>

#include "key-translate.h"
#include "tst.h"

/* What wtype 0.4 uploads for "Hi!é" (main.c upload_keymap). */
static const char wtype_keymap[] =
    "xkb_keymap {\n"
    "xkb_keycodes \"(unnamed)\" {\nminimum = 8;\nmaximum = 13;\n"
    "<K1> = 9;\n<K2> = 10;\n<K3> = 11;\n<K4> = 12;\n};\n"
    "xkb_types \"(unnamed)\" { include \"complete\" };\n"
    "xkb_compatibility \"(unnamed)\" { include \"complete\" };\n"
    "xkb_symbols \"(unnamed)\" {\n"
    "key <K1> {[H]};\nkey <K2> {[i]};\nkey <K3> {[exclam]};\n"
    "key <K4> {[eacute]};\n};\n};\n";

static struct xkb_context *ctx;
static struct vv_key_translate *t;

static void
virtual_keys_become_us_keys(void)
{
	struct xkb_keymap *km = xkb_keymap_new_from_string(
	    ctx, wtype_keymap, XKB_KEYMAP_FORMAT_TEXT_V1, 0);
	uint32_t evdev;
	bool shift;

	TST_CHECK(km != NULL);
	if (!km)
		return;
	TST_CHECK(vv_key_translate(t, km, 9, XKB_KEY_H, &evdev, &shift));
	TST_CHECK(evdev == KEY_H && shift);
	TST_CHECK(vv_key_translate(t, km, 10, XKB_KEY_i, &evdev, &shift));
	TST_CHECK(evdev == KEY_I && !shift);
	TST_CHECK(vv_key_translate(t, km, 11, XKB_KEY_exclam, &evdev, &shift));
	TST_CHECK(evdev == KEY_1 && shift);
	/* no US key types it: a virtual key all the same, sent as nothing */
	TST_CHECK(vv_key_translate(t, km, 12, XKB_KEY_eacute, &evdev, &shift));
	TST_CHECK(evdev == 0);
	xkb_keymap_unref(km);
}

static void
physical_keys_stay(void)
{
	const struct xkb_rule_names de = { .rules = "evdev",
					   .model = "pc105",
					   .layout = "de" };
	struct xkb_keymap *km = xkb_keymap_new_from_names(ctx, &de, 0);
	uint32_t evdev;
	bool shift;

	TST_CHECK(km != NULL);
	if (!km)
		return;
	/* German Z is where US has Y: the guest's layout decides, so the
	 * key goes as it is */
	TST_CHECK(
	    !vv_key_translate(t, km, KEY_Y + 8, XKB_KEY_z, &evdev, &shift));
	TST_CHECK(!vv_key_translate(t, km, KEY_ESC + 8, XKB_KEY_Escape, &evdev,
				    &shift));
	TST_CHECK(!vv_key_translate(t, km, KEY_LEFTSHIFT + 8, XKB_KEY_Shift_L,
				    &evdev, &shift));
	xkb_keymap_unref(km);
}

int
main(void)
{
	ctx = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	t = vv_key_translate_create(ctx);
	if (!t) {
		fprintf(stderr, "SKIP: no US keymap from xkeyboard-config "
				"(apt-get install xkb-data)\n");
		return 77;
	}
	TST_RUN(virtual_keys_become_us_keys);
	TST_RUN(physical_keys_stay);
	vv_key_translate_destroy(t);
	xkb_context_unref(ctx);
	return tst_failures != 0;
}
