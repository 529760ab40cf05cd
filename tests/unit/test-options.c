/* The command line. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "options.h"
#include "tst.h"

static int
parse(struct vv_options *o, struct vv_err *err, int argc, ...)
{
	char *argv[16];
	va_list ap;

	va_start(ap, argc);
	for (int i = 0; i < argc; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	argv[argc] = NULL;
	return vv_options_parse(o, argc, argv, err);
}

static void
test_parse(void)
{
	struct vv_options o;
	struct vv_err err = { 0 };

	TST_CHECK(parse(&o, &err, 1, "vgpu-view") == 0);
	TST_CHECK(o.action == VV_ACTION_WINDOW);
	TST_CHECK_STR(o.device, "demo");

	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--info", "fd:3") == 0);
	TST_CHECK(o.action == VV_ACTION_INFO && !o.watch);
	TST_CHECK_STR(o.device, "fd:3");

	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "-i", "-w", "demo") == 0);
	TST_CHECK(o.action == VV_ACTION_INFO && o.watch);

	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "--snapshot", "a.png",
			"pid:12") == 0);
	TST_CHECK(o.action == VV_ACTION_SNAPSHOT);
	TST_CHECK_STR(o.snapshot_path, "a.png");
	TST_CHECK_STR(o.device, "pid:12");
}

static void
test_errors_name_the_option(void)
{
	struct vv_options o;
	struct vv_err err = { 0 };

	TST_CHECK(parse(&o, &err, 2, "vgpu-view", "--nope") == -EINVAL);
	TST_CHECK_STR(err.text, "unknown option --nope (see --help)");
	TST_CHECK(parse(&o, &err, 2, "vgpu-view", "--snapshot") == -EINVAL);
	TST_CHECK_STR(err.text,
		      "option --snapshot needs an argument (see --help)");
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "a", "b") == -EINVAL);
	TST_CHECK(strstr(err.text, "unexpected argument 'b'") != NULL);
	TST_CHECK(parse(&o, &err, 2, "vgpu-view", "--watch") == -EINVAL);
	TST_CHECK_STR(err.text, "--watch goes with --info (see --help)");
}

static void
test_pointer_mode(void)
{
	struct vv_options o;
	struct vv_err err = { 0 };

	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--pointer", "relative") ==
		  0);
	TST_CHECK_STR(o.pointer, "relative");
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--pointer", "tablet") ==
		  -EINVAL);
	TST_CHECK_STR(err.text,
		      "--pointer 'tablet': use auto, absolute or relative");
	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "--info", "--pointer",
			"absolute") == -EINVAL);
}

/* A bad short option inside a group is named itself, not the argument
 * before the group (getopt leaves optind on the group). */
static void
test_short_options_named_as_typed(void)
{
	struct vv_options o;
	struct vv_err err = { 0 };

	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "-Xi", "demo") == -EINVAL);
	TST_CHECK_STR(err.text, "unknown option -X (see --help)");
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--info", "-wX") == -EINVAL);
	TST_CHECK_STR(err.text, "unknown option -X (see --help)");
	TST_CHECK(parse(&o, &err, 2, "vgpu-view", "--info=1") == -EINVAL);
	TST_CHECK_STR(err.text, "option --info takes no argument (see --help)");
	TST_CHECK(parse(&o, &err, 2, "vgpu-view", "--stats=1") == -EINVAL);
	TST_CHECK_STR(err.text,
		      "option --stats takes no argument (see --help)");
	TST_CHECK(parse(&o, &err, 2, "vgpu-view", "-is") == -EINVAL);
	TST_CHECK_STR(err.text, "option -s needs an argument (see --help)");
}

static void
test_conflicts_name_both(void)
{
	struct vv_options o;
	struct vv_err err = { 0 };

	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "--info", "--snapshot",
			"a.png") == -EINVAL);
	TST_CHECK_STR(
	    err.text,
	    "--info and --snapshot do not go together: each is a run of its own, pick one (see --help)");
	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "--set-mode", "800x600",
			"-i") == -EINVAL);
	TST_CHECK(strstr(err.text, "--set-mode and --info do not go") != NULL);
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--kiosk", "--info") ==
		  -EINVAL);
	TST_CHECK_STR(
	    err.text,
	    "--kiosk goes with the window, not with --info (see --help)");
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--stats", "--info") ==
		  -EINVAL);
	TST_CHECK_STR(
	    err.text,
	    "--stats goes with the window, not with --info (see --help)");
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--output", "X") == -EINVAL);
	TST_CHECK(
	    strstr(err.text, "--output goes with --fullscreen or --kiosk") ==
	    err.text);

	/* What goes together still does. */
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "-i", "--info") == 0);
	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "-f", "--output", "X") == 0);
	TST_CHECK(parse(&o, &err, 4, "vgpu-view", "--kiosk", "--output", "X") ==
		  0);
}

static void
test_bounds(void)
{
	struct vv_options o;
	struct vv_err err = { 0 };
	char title[1026];

	memset(title, 't', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--title", title) == -EINVAL);
	TST_CHECK_STR(
	    err.text,
	    "--title is 1025 bytes long: a window title can have at most 1024");
	title[1024] = '\0';
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--title", title) == 0);
	title[256] = '\0';
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--app-id", title) ==
		  -EINVAL);
	title[255] = '\0';
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--app-id", title) == 0);

	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--set-mode", "1x1") ==
		  -EINVAL);
	TST_CHECK_STR(
	    err.text,
	    "--set-mode 1x1: smaller than 640x480, the smallest mode every guest takes");
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--set-mode", "639x480") ==
		  -EINVAL);
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--set-mode", "640x479") ==
		  -EINVAL);
	TST_CHECK(parse(&o, &err, 3, "vgpu-view", "--set-mode", "640x480") ==
		  0);
}

static void
pacing_parses(void)
{
	enum vv_pacing p;
	uint32_t ms;

	TST_CHECK(vv_pacing_parse("frame", &p, &ms) == 0 &&
		  p == VV_PACING_FRAME);
	TST_CHECK(vv_pacing_parse("timer", &p, &ms) == 0 &&
		  p == VV_PACING_TIMER && ms == 30);
	TST_CHECK(vv_pacing_parse("deadline:5", &p, &ms) == 0 &&
		  p == VV_PACING_DEADLINE && ms == 5);
	TST_CHECK(vv_pacing_parse("frame:5", &p, &ms) == -EINVAL);
	TST_CHECK(vv_pacing_parse("timer:0", &p, &ms) == -EINVAL);
	TST_CHECK(vv_pacing_parse("timer:", &p, &ms) == -EINVAL);
	TST_CHECK(vv_pacing_parse("timerx", &p, &ms) == -EINVAL);
	TST_CHECK(vv_pacing_parse("vsync", &p, &ms) == -EINVAL);
}

int
main(void)
{
	TST_RUN(test_pointer_mode);
	TST_RUN(test_parse);
	TST_RUN(test_errors_name_the_option);
	TST_RUN(test_short_options_named_as_typed);
	TST_RUN(test_conflicts_name_both);
	TST_RUN(test_bounds);
	TST_RUN(pacing_parses);
	return tst_failures ? 1 : 0;
}
