/* The config file and key bindings: good lines take effect, each bad line
 * is one warning and keeps the default, --bind overrides. */
#include <errno.h>
#include <linux/input-event-codes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xkbcommon/xkbcommon.h>

#include "bindings.h"
#include "settings.h"
#include "tst.h"

static int
parse_text(struct vv_settings *s, const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int bad = vv_config_parse(s, f, "test.conf");

	fclose(f);
	return bad;
}

static void
good_lines_take_effect(void)
{
	struct vv_settings s;

	vv_settings_default(&s);
	TST_CHECK(parse_text(&s, "# comment\n\n[bindings]\n"
				 "fullscreen = Ctrl+Alt+f\n"
				 "quit = none\n"
				 "[view]\n  scale = integer  \n"
				 "overlay = yes\nresize-guest = no\n") == 0);
	TST_CHECK(s.bindings.keys[VV_COMMAND_FULLSCREEN].keysym == XKB_KEY_f);
	TST_CHECK(s.bindings.keys[VV_COMMAND_FULLSCREEN].mods ==
		  (VV_MOD_CTRL | VV_MOD_ALT));
	TST_CHECK(s.bindings.keys[VV_COMMAND_QUIT].keysym == 0);
	TST_CHECK(s.scale == VV_SCALE_INTEGER);
	TST_CHECK(s.overlay && !s.resize_guest);
}

static void
bad_lines_keep_defaults(void)
{
	struct vv_settings s;

	vv_settings_default(&s);
	int bad = parse_text(&s, "overlay = yes\n" /* before a section */
				 "[bindings]\n"
				 "fullscreen = Hyper+F11\n" /* bad modifier */
				 "overlay = NoSuchKey\n"
				 "jump = F1\n" /* no such action */
				 "[view]\n"
				 "scale = huge\n"
				 "overlay = maybe\n"
				 "just words\n"
				 "[broken\n"
				 "[view]\n"
				 "scale = 1:1\n");
	TST_CHECK(bad == 8);
	TST_CHECK(s.bindings.keys[VV_COMMAND_FULLSCREEN].keysym == XKB_KEY_F11);
	TST_CHECK(s.bindings.keys[VV_COMMAND_OVERLAY].keysym == XKB_KEY_F12);
	TST_CHECK(!s.overlay);
	TST_CHECK(s.scale == VV_SCALE_ONE); /* the good line after them */
}

/* Runs the parser over @len bytes of @text with stderr captured into @log
 * (up to @log_len - 1 bytes). */
static int
parse_logged(struct vv_settings *s, const char *text, size_t len, char *log,
	     size_t log_len)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int saved = dup(2), mem = memfd_create("log", MFD_CLOEXEC);

	fflush(stderr);
	dup2(mem, 2);
	int bad = vv_config_parse(s, f, "test.conf");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	ssize_t n = pread(mem, log, log_len - 1, 0);
	log[n > 0 ? n : 0] = '\0';
	close(mem);
	fclose(f);
	return bad;
}

static size_t
count_lines(const char *log)
{
	size_t n = 0;

	for (; *log; log++)
		n += *log == '\n';
	return n;
}

/* A line is read whole: a long comment's tail is not a line, a line over
 * the limit is one warning with its own number, and the next line's
 * number is right. */
static void
long_lines_are_whole(void)
{
	struct vv_settings s;
	char text[8192], log[4096];
	size_t n = 0;

	vv_settings_default(&s);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "[bindings]\n# ");
	memset(text + n, 'x', 509);
	n += 509;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "quit = none\n");
	memset(text + n, 'y', 3000);
	n += 3000;
	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      " overlay = none\nfullscreen = F1\njump = F2\n");
	TST_CHECK(parse_logged(&s, text, n, log, sizeof(log)) == 2);
	TST_CHECK(s.bindings.keys[VV_COMMAND_QUIT].keysym != 0);
	TST_CHECK(s.bindings.keys[VV_COMMAND_OVERLAY].keysym == XKB_KEY_F12);
	TST_CHECK(s.bindings.keys[VV_COMMAND_FULLSCREEN].keysym == XKB_KEY_F1);
	TST_CHECK(count_lines(log) == 2);
	TST_CHECK(
	    strstr(
		log,
		"test.conf:3: the line is longer than 1024 bytes; using the default\n") !=
	    NULL);
	TST_CHECK(strstr(log, "test.conf:5: ") != NULL);
}

/* What /dev/zero and /dev/urandom give: bounded work, a bounded number of
 * warnings, the last saying why the rest is ignored. */
static void
junk_is_stopped(void)
{
	struct vv_settings s;
	size_t len = 3 * VV_CONFIG_BYTES_MAX;
	char *junk = calloc(1, len), log[16384];

	vv_settings_default(&s);
	TST_CHECK(parse_logged(&s, junk, len, log, sizeof(log)) == 1);
	TST_CHECK(count_lines(log) == 1);
	TST_CHECK(
	    strstr(
		log,
		"test.conf: longer than 1048576 bytes, not a config file; ignoring the rest of it\n") !=
	    NULL);

	srand(10);
	for (size_t i = 0; i < len; i++)
		junk[i] = (char)(rand() & 0xff);
	TST_CHECK(parse_logged(&s, junk, len, log, sizeof(log)) ==
		  VV_CONFIG_BAD_MAX + 1);
	TST_CHECK(count_lines(log) == VV_CONFIG_BAD_MAX + 1);
	TST_CHECK(
	    strstr(log,
		   "bad lines, not a config file; ignoring the rest of it\n") !=
	    NULL);
	free(junk);
}

/* Only a regular file is read: a directory or a device is one warning. */
static void
non_regular_files_are_refused(void)
{
	struct vv_settings s;

	vv_settings_default(&s);
	TST_CHECK(vv_config_load(&s, "/dev/zero") == 1);
	TST_CHECK(vv_config_load(&s, "/") == 1);
	TST_CHECK(vv_config_load(&s, "/dev/null") == 1);
}

static void
keys_parse_and_match(void)
{
	struct vv_key key;
	struct vv_bindings b;
	struct vv_err why;
	char text[64];

	TST_CHECK(vv_key_parse("ctrl+Q", &key, &why) == 0);
	TST_CHECK(key.keysym == XKB_KEY_q && key.mods == VV_MOD_CTRL);
	vv_key_format(&key, text, sizeof(text));
	TST_CHECK_STR(text, "Ctrl+q");
	TST_CHECK(vv_key_parse("Ctrl+", &key, &why) == -EINVAL);
	TST_CHECK(vv_key_parse("", &key, &why) == -EINVAL);
	TST_CHECK(vv_key_parse("Ctrl+Nope", &key, &why) == -EINVAL);
	TST_CHECK(strstr(why.text, "'Nope' is not a key name") != NULL);

	vv_bindings_default(&b);
	TST_CHECK(vv_bindings_match(&b, XKB_KEY_F12, 0) == VV_COMMAND_OVERLAY);
	TST_CHECK(vv_bindings_match(&b, XKB_KEY_F12, VV_MOD_SHIFT) == -1);
	/* Caps Lock or Shift turn q into Q: still the binding. */
	TST_CHECK(vv_bindings_match(&b, XKB_KEY_Q, VV_MOD_CTRL) ==
		  VV_COMMAND_QUIT);
	TST_CHECK(vv_bindings_set(&b, "overlay=Alt+o", &why) == 0);
	TST_CHECK(vv_bindings_match(&b, XKB_KEY_o, VV_MOD_ALT) ==
		  VV_COMMAND_OVERLAY);
	TST_CHECK(vv_bindings_match(&b, XKB_KEY_F12, 0) == -1);
	TST_CHECK(vv_bindings_set(&b, "=F1", &why) == -EINVAL);
	TST_CHECK(vv_bindings_set(&b, "fly=F1", &why) == -EINVAL);
	TST_CHECK(why.code == EINVAL);
	TST_CHECK(strstr(why.text, "'fly' is not an action") != NULL);
	/* No reason wanted: the same answer. */
	TST_CHECK(vv_bindings_set(&b, "fly=F1", NULL) == -EINVAL);
}

/* One line's reason comes back in the struct vv_err, for the caller to
 * prefix with FILE:LINE. */
static void
line_reasons(void)
{
	struct vv_settings s;
	struct vv_err why = { 0 };
	char section[VV_CONFIG_SECTION_MAX] = "";
	const char *line = "scale = fit";

	vv_settings_default(&s);
	TST_CHECK(vv_config_parse_line(&s, section, line, strlen(line), &why) ==
		  -EINVAL);
	TST_CHECK(why.code == EINVAL);
	TST_CHECK_STR(why.text, "'scale = fit' comes before any [section]");
	line = "[view]";
	TST_CHECK(vv_config_parse_line(&s, section, line, strlen(line), NULL) ==
		  0);
	line = "overlay = maybe";
	TST_CHECK(vv_config_parse_line(&s, section, line, strlen(line), &why) ==
		  -EINVAL);
	TST_CHECK_STR(why.text, "overlay 'maybe' is not yes or no");
}

/* A seat's modifiers as bindings match them: Ctrl+Alt held is Ctrl+Alt,
 * and Caps Lock (Lock) or Num Lock (Mod2) on adds nothing, so Ctrl+q
 * still quits with Caps Lock on. Needs xkeyboard-config (xkb-data). */
static void
seat_mods(void)
{
	const struct xkb_rule_names us = { .rules = "evdev",
					   .model = "pc105",
					   .layout = "us" };
	struct xkb_context *ctx = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
	struct xkb_keymap *km = xkb_keymap_new_from_names(ctx, &us, 0);

	TST_CHECK(km != NULL);
	if (!km) {
		xkb_context_unref(ctx);
		return;
	}
	struct xkb_state *st = xkb_state_new(km);
	TST_CHECK(vv_bindings_mods(st) == 0);
	xkb_state_update_key(st, KEY_CAPSLOCK + 8, XKB_KEY_DOWN);
	xkb_state_update_key(st, KEY_CAPSLOCK + 8, XKB_KEY_UP);
	xkb_state_update_key(st, KEY_NUMLOCK + 8, XKB_KEY_DOWN);
	xkb_state_update_key(st, KEY_NUMLOCK + 8, XKB_KEY_UP);
	TST_CHECK(vv_bindings_mods(st) == 0);
	xkb_state_update_key(st, KEY_LEFTCTRL + 8, XKB_KEY_DOWN);
	xkb_state_update_key(st, KEY_RIGHTALT + 8, XKB_KEY_DOWN);
	TST_CHECK(vv_bindings_mods(st) == (VV_MOD_CTRL | VV_MOD_ALT));
	xkb_state_update_key(st, KEY_RIGHTALT + 8, XKB_KEY_UP);
	xkb_state_update_key(st, KEY_LEFTSHIFT + 8, XKB_KEY_DOWN);
	xkb_state_update_key(st, KEY_LEFTMETA + 8, XKB_KEY_DOWN);
	TST_CHECK(vv_bindings_mods(st) ==
		  (VV_MOD_CTRL | VV_MOD_SHIFT | VV_MOD_SUPER));
	xkb_state_unref(st);
	xkb_keymap_unref(km);
	xkb_context_unref(ctx);
}

int
main(void)
{
	TST_RUN(good_lines_take_effect);
	TST_RUN(bad_lines_keep_defaults);
	TST_RUN(long_lines_are_whole);
	TST_RUN(junk_is_stopped);
	TST_RUN(non_regular_files_are_refused);
	TST_RUN(keys_parse_and_match);
	TST_RUN(line_reasons);
	TST_RUN(seat_mods);
	return tst_failures != 0;
}
