#include "keymap-qcode.h"

#include <linux/input-event-codes.h>
#include <stddef.h>

/* From QEMU's keycodemapdb, data/keymaps.csv ("Linux Keycode" → "QEMU
 * QKeyCode", commit 22b8996d), made by data/gen-keymap-qcode.py, which
 * also says which of two names a key gets. Codes not here have no qcode in
 * QEMU 7.2 either. */
static const char *const qcodes[] = {
	[KEY_ESC] = "esc",
	[KEY_1] = "1",
	[KEY_2] = "2",
	[KEY_3] = "3",
	[KEY_4] = "4",
	[KEY_5] = "5",
	[KEY_6] = "6",
	[KEY_7] = "7",
	[KEY_8] = "8",
	[KEY_9] = "9",
	[KEY_0] = "0",
	[KEY_MINUS] = "minus",
	[KEY_EQUAL] = "equal",
	[KEY_BACKSPACE] = "backspace",
	[KEY_TAB] = "tab",
	[KEY_Q] = "q",
	[KEY_W] = "w",
	[KEY_E] = "e",
	[KEY_R] = "r",
	[KEY_T] = "t",
	[KEY_Y] = "y",
	[KEY_U] = "u",
	[KEY_I] = "i",
	[KEY_O] = "o",
	[KEY_P] = "p",
	[KEY_LEFTBRACE] = "bracket_left",
	[KEY_RIGHTBRACE] = "bracket_right",
	[KEY_ENTER] = "ret",
	[KEY_LEFTCTRL] = "ctrl",
	[KEY_A] = "a",
	[KEY_S] = "s",
	[KEY_D] = "d",
	[KEY_F] = "f",
	[KEY_G] = "g",
	[KEY_H] = "h",
	[KEY_J] = "j",
	[KEY_K] = "k",
	[KEY_L] = "l",
	[KEY_SEMICOLON] = "semicolon",
	[KEY_APOSTROPHE] = "apostrophe",
	[KEY_GRAVE] = "grave_accent",
	[KEY_LEFTSHIFT] = "shift",
	[KEY_BACKSLASH] = "backslash",
	[KEY_Z] = "z",
	[KEY_X] = "x",
	[KEY_C] = "c",
	[KEY_V] = "v",
	[KEY_B] = "b",
	[KEY_N] = "n",
	[KEY_M] = "m",
	[KEY_COMMA] = "comma",
	[KEY_DOT] = "dot",
	[KEY_SLASH] = "slash",
	[KEY_RIGHTSHIFT] = "shift_r",
	[KEY_KPASTERISK] = "kp_multiply",
	[KEY_LEFTALT] = "alt",
	[KEY_SPACE] = "spc",
	[KEY_CAPSLOCK] = "caps_lock",
	[KEY_F1] = "f1",
	[KEY_F2] = "f2",
	[KEY_F3] = "f3",
	[KEY_F4] = "f4",
	[KEY_F5] = "f5",
	[KEY_F6] = "f6",
	[KEY_F7] = "f7",
	[KEY_F8] = "f8",
	[KEY_F9] = "f9",
	[KEY_F10] = "f10",
	[KEY_NUMLOCK] = "num_lock",
	[KEY_SCROLLLOCK] = "scroll_lock",
	[KEY_KP7] = "kp_7",
	[KEY_KP8] = "kp_8",
	[KEY_KP9] = "kp_9",
	[KEY_KPMINUS] = "kp_subtract",
	[KEY_KP4] = "kp_4",
	[KEY_KP5] = "kp_5",
	[KEY_KP6] = "kp_6",
	[KEY_KPPLUS] = "kp_add",
	[KEY_KP1] = "kp_1",
	[KEY_KP2] = "kp_2",
	[KEY_KP3] = "kp_3",
	[KEY_KP0] = "kp_0",
	[KEY_KPDOT] = "kp_decimal",
	[KEY_102ND] = "less",
	[KEY_F11] = "f11",
	[KEY_F12] = "f12",
	[KEY_RO] = "ro",
	[KEY_HIRAGANA] = "hiragana",
	[KEY_HENKAN] = "henkan",
	[KEY_KATAKANAHIRAGANA] = "katakanahiragana",
	[KEY_MUHENKAN] = "muhenkan",
	[KEY_KPENTER] = "kp_enter",
	[KEY_RIGHTCTRL] = "ctrl_r",
	[KEY_KPSLASH] = "kp_divide",
	[KEY_SYSRQ] = "print",
	[KEY_RIGHTALT] = "alt_r",
	[KEY_LINEFEED] = "lf",
	[KEY_HOME] = "home",
	[KEY_UP] = "up",
	[KEY_PAGEUP] = "pgup",
	[KEY_LEFT] = "left",
	[KEY_RIGHT] = "right",
	[KEY_END] = "end",
	[KEY_DOWN] = "down",
	[KEY_PAGEDOWN] = "pgdn",
	[KEY_INSERT] = "insert",
	[KEY_DELETE] = "delete",
	[KEY_MUTE] = "audiomute",
	[KEY_VOLUMEDOWN] = "volumedown",
	[KEY_VOLUMEUP] = "volumeup",
	[KEY_POWER] = "power",
	[KEY_KPEQUAL] = "kp_equals",
	[KEY_PAUSE] = "pause",
	[KEY_KPCOMMA] = "kp_comma",
	[KEY_HANGEUL] = "lang1",
	[KEY_HANJA] = "lang2",
	[KEY_YEN] = "yen",
	[KEY_LEFTMETA] = "meta_l",
	[KEY_RIGHTMETA] = "meta_r",
	[KEY_COMPOSE] = "compose",
	[KEY_STOP] = "stop",
	[KEY_AGAIN] = "again",
	[KEY_PROPS] = "props",
	[KEY_UNDO] = "undo",
	[KEY_FRONT] = "front",
	[KEY_COPY] = "copy",
	[KEY_OPEN] = "open",
	[KEY_PASTE] = "paste",
	[KEY_FIND] = "find",
	[KEY_CUT] = "cut",
	[KEY_HELP] = "help",
	[KEY_MENU] = "menu",
	[KEY_CALC] = "calculator",
	[KEY_SLEEP] = "sleep",
	[KEY_WAKEUP] = "wake",
	[KEY_MAIL] = "mail",
	[KEY_BOOKMARKS] = "ac_bookmarks",
	[KEY_COMPUTER] = "computer",
	[KEY_BACK] = "ac_back",
	[KEY_FORWARD] = "ac_forward",
	[KEY_NEXTSONG] = "audionext",
	[KEY_PLAYPAUSE] = "audioplay",
	[KEY_PREVIOUSSONG] = "audioprev",
	[KEY_STOPCD] = "audiostop",
	[KEY_HOMEPAGE] = "ac_home",
	[KEY_REFRESH] = "ac_refresh",
	[KEY_F13] = "f13",
	[KEY_F14] = "f14",
	[KEY_F15] = "f15",
	[KEY_F16] = "f16",
	[KEY_F17] = "f17",
	[KEY_F18] = "f18",
	[KEY_F19] = "f19",
	[KEY_F20] = "f20",
	[KEY_F21] = "f21",
	[KEY_F22] = "f22",
	[KEY_F23] = "f23",
	[KEY_F24] = "f24",
	[KEY_MEDIA] = "mediaselect",
};

const char *
vv_keymap_qcode(uint32_t key)
{
	return key < sizeof(qcodes) / sizeof(qcodes[0]) ? qcodes[key] : NULL;
}

uint32_t
vv_keymap_qcode_count(void)
{
	return sizeof(qcodes) / sizeof(qcodes[0]);
}

const char *
vv_keymap_button(uint32_t button)
{
	switch (button) {
	case BTN_LEFT:
		return "left";
	case BTN_RIGHT:
		return "right";
	case BTN_MIDDLE:
		return "middle";
	case BTN_SIDE:
		return "side";
	case BTN_EXTRA:
		return "extra";
	default:
		return NULL;
	}
}
