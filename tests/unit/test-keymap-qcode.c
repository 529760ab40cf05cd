/* The evdev → QEMU qcode table: every key of a 105-key (ISO, pc105) board
 * maps to the qcode QEMU documents for it (written out here by hand from
 * the key caps, not from the table), no qcode is given to two keys, and
 * the buttons have their QEMU names. */
#include <linux/input-event-codes.h>
#include <string.h>

#include "keymap-qcode.h"
#include "tst.h"

static const struct {
	uint32_t key;
	const char *qcode;
} pc105[] = {
	{ KEY_ESC, "esc" },
	{ KEY_F1, "f1" },
	{ KEY_F2, "f2" },
	{ KEY_F3, "f3" },
	{ KEY_F4, "f4" },
	{ KEY_F5, "f5" },
	{ KEY_F6, "f6" },
	{ KEY_F7, "f7" },
	{ KEY_F8, "f8" },
	{ KEY_F9, "f9" },
	{ KEY_F10, "f10" },
	{ KEY_F11, "f11" },
	{ KEY_F12, "f12" },
	{ KEY_SYSRQ, "print" },
	{ KEY_SCROLLLOCK, "scroll_lock" },
	{ KEY_PAUSE, "pause" },
	{ KEY_GRAVE, "grave_accent" },
	{ KEY_1, "1" },
	{ KEY_2, "2" },
	{ KEY_3, "3" },
	{ KEY_4, "4" },
	{ KEY_5, "5" },
	{ KEY_6, "6" },
	{ KEY_7, "7" },
	{ KEY_8, "8" },
	{ KEY_9, "9" },
	{ KEY_0, "0" },
	{ KEY_MINUS, "minus" },
	{ KEY_EQUAL, "equal" },
	{ KEY_BACKSPACE, "backspace" },
	{ KEY_INSERT, "insert" },
	{ KEY_HOME, "home" },
	{ KEY_PAGEUP, "pgup" },
	{ KEY_NUMLOCK, "num_lock" },
	{ KEY_KPSLASH, "kp_divide" },
	{ KEY_KPASTERISK, "kp_multiply" },
	{ KEY_KPMINUS, "kp_subtract" },
	{ KEY_TAB, "tab" },
	{ KEY_Q, "q" },
	{ KEY_W, "w" },
	{ KEY_E, "e" },
	{ KEY_R, "r" },
	{ KEY_T, "t" },
	{ KEY_Y, "y" },
	{ KEY_U, "u" },
	{ KEY_I, "i" },
	{ KEY_O, "o" },
	{ KEY_P, "p" },
	{ KEY_LEFTBRACE, "bracket_left" },
	{ KEY_RIGHTBRACE, "bracket_right" },
	{ KEY_ENTER, "ret" },
	{ KEY_DELETE, "delete" },
	{ KEY_END, "end" },
	{ KEY_PAGEDOWN, "pgdn" },
	{ KEY_KP7, "kp_7" },
	{ KEY_KP8, "kp_8" },
	{ KEY_KP9, "kp_9" },
	{ KEY_KPPLUS, "kp_add" },
	{ KEY_CAPSLOCK, "caps_lock" },
	{ KEY_A, "a" },
	{ KEY_S, "s" },
	{ KEY_D, "d" },
	{ KEY_F, "f" },
	{ KEY_G, "g" },
	{ KEY_H, "h" },
	{ KEY_J, "j" },
	{ KEY_K, "k" },
	{ KEY_L, "l" },
	{ KEY_SEMICOLON, "semicolon" },
	{ KEY_APOSTROPHE, "apostrophe" },
	{ KEY_BACKSLASH, "backslash" },
	{ KEY_KP4, "kp_4" },
	{ KEY_KP5, "kp_5" },
	{ KEY_KP6, "kp_6" },
	{ KEY_LEFTSHIFT, "shift" },
	{ KEY_102ND, "less" },
	{ KEY_Z, "z" },
	{ KEY_X, "x" },
	{ KEY_C, "c" },
	{ KEY_V, "v" },
	{ KEY_B, "b" },
	{ KEY_N, "n" },
	{ KEY_M, "m" },
	{ KEY_COMMA, "comma" },
	{ KEY_DOT, "dot" },
	{ KEY_SLASH, "slash" },
	{ KEY_RIGHTSHIFT, "shift_r" },
	{ KEY_UP, "up" },
	{ KEY_KP1, "kp_1" },
	{ KEY_KP2, "kp_2" },
	{ KEY_KP3, "kp_3" },
	{ KEY_KPENTER, "kp_enter" },
	{ KEY_LEFTCTRL, "ctrl" },
	{ KEY_LEFTMETA, "meta_l" },
	{ KEY_LEFTALT, "alt" },
	{ KEY_SPACE, "spc" },
	{ KEY_RIGHTALT, "alt_r" },
	{ KEY_RIGHTMETA, "meta_r" },
	{ KEY_COMPOSE, "compose" },
	{ KEY_RIGHTCTRL, "ctrl_r" },
	{ KEY_LEFT, "left" },
	{ KEY_DOWN, "down" },
	{ KEY_RIGHT, "right" },
	{ KEY_KP0, "kp_0" },
	{ KEY_KPDOT, "kp_decimal" },
};

static void
every_pc105_key(void)
{
	TST_CHECK(sizeof(pc105) / sizeof(pc105[0]) == 105);
	for (size_t i = 0; i < sizeof(pc105) / sizeof(pc105[0]); i++) {
		const char *q = vv_keymap_qcode(pc105[i].key);
		if (!q || strcmp(q, pc105[i].qcode) != 0) {
			fprintf(stderr, "evdev %u: %s, expected %s\n",
				pc105[i].key, q ? q : "(none)", pc105[i].qcode);
			TST_CHECK(!"wrong qcode");
		}
	}
}

static void
media_and_japanese_keys(void)
{
	TST_CHECK_STR(vv_keymap_qcode(KEY_MUTE), "audiomute");
	TST_CHECK_STR(vv_keymap_qcode(KEY_VOLUMEUP), "volumeup");
	TST_CHECK_STR(vv_keymap_qcode(KEY_PLAYPAUSE), "audioplay");
	TST_CHECK_STR(vv_keymap_qcode(KEY_RO), "ro");
	TST_CHECK_STR(vv_keymap_qcode(KEY_YEN), "yen");
	TST_CHECK_STR(vv_keymap_qcode(KEY_HANGEUL), "lang1");
	TST_CHECK_STR(vv_keymap_qcode(KEY_F24), "f24");
	TST_CHECK_STR(vv_keymap_qcode(KEY_KPEQUAL), "kp_equals");
	/* Keys QEMU has no qcode for, and codes beyond any table. */
	TST_CHECK(vv_keymap_qcode(KEY_RESERVED) == NULL);
	TST_CHECK(vv_keymap_qcode(KEY_ZENKAKUHANKAKU) == NULL);
	TST_CHECK(vv_keymap_qcode(KEY_MAX) == NULL);
	TST_CHECK(vv_keymap_qcode(0xffffffffu) == NULL);
}

static void
no_qcode_twice(void)
{
	uint32_t n = vv_keymap_qcode_count();

	TST_CHECK(n > KEY_F24 && n <= KEY_CNT);
	for (uint32_t a = 0; a < n; a++)
		for (uint32_t b = a + 1; b < n; b++) {
			const char *qa = vv_keymap_qcode(a),
				   *qb = vv_keymap_qcode(b);
			if (qa && qb && strcmp(qa, qb) == 0) {
				fprintf(stderr, "%s for evdev %u and %u\n", qa,
					a, b);
				TST_CHECK(!"qcode twice");
			}
		}
}

static void
buttons(void)
{
	TST_CHECK_STR(vv_keymap_button(BTN_LEFT), "left");
	TST_CHECK_STR(vv_keymap_button(BTN_RIGHT), "right");
	TST_CHECK_STR(vv_keymap_button(BTN_MIDDLE), "middle");
	TST_CHECK_STR(vv_keymap_button(BTN_SIDE), "side");
	TST_CHECK_STR(vv_keymap_button(BTN_EXTRA), "extra");
	TST_CHECK(vv_keymap_button(BTN_TASK) == NULL);
	TST_CHECK(vv_keymap_button(0) == NULL);
}

int
main(void)
{
	TST_RUN(every_pc105_key);
	TST_RUN(media_and_japanese_keys);
	TST_RUN(no_qcode_twice);
	TST_RUN(buttons);
	return tst_failures != 0;
}
