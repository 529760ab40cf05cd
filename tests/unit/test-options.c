/* The command line. */
#include <errno.h>
#include <stdarg.h>

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

int
main(void)
{
	TST_RUN(test_parse);
	TST_RUN(test_errors_name_the_option);
	return tst_failures ? 1 : 0;
}
