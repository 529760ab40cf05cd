/* vv-bench: runs the real vgpu-view on the emulated vGPU inside the test
 * compositor, configuration after configuration, and prints one Markdown
 * table (README.md says what each column is and how it is measured). */
#include "bench.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* ---- what this machine has -------------------------------------------- */

static bool
output_has(const char *const *argv, const char *dir, const char *what)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/probe-output.txt", dir);
	run_wait(argv, NULL, path);
	char *s = read_file(path);
	bool has = s && strstr(s, what);
	free(s);
	return has;
}

static bool
perf_works(const char *dir)
{
	char out[700];

	snprintf(out, sizeof(out), "%s/perf-probe.txt", dir);
	const char *argv[] = {
		"perf", "stat", "-x,", "-e",   "raw_syscalls:sys_enter",
		"-o",   out,    "--",  "true", NULL
	};
	char log[700];
	snprintf(log, sizeof(log), "%s/perf-probe.log", dir);
	if (run_wait(argv, NULL, log) != 0)
		return false;
	char *s = read_file(out);
	bool ok = false;
	for (char *l = s; l && *l;
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (*l >= '1' && *l <= '9' && strstr(l, "raw_syscalls"))
			ok = true;
	free(s);
	return ok;
}

static void
print_header(const struct bench_opts *o, int argc, char **argv)
{
	char *cpu = read_file("/proc/cpuinfo");
	char model[128] = "?";
	struct utsname u;
	char date[64];
	time_t t = time(NULL);

	if (cpu) {
		const char *m = strstr(cpu, "model name");
		if (m && (m = strchr(m, ':'))) {
			m++;
			while (*m == ' ' || *m == '\t')
				m++;
			size_t n = strcspn(m, "\n");
			if (n >= sizeof(model))
				n = sizeof(model) - 1;
			memcpy(model, m, n);
			model[n] = '\0';
		}
		free(cpu);
	}
	uname(&u);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S %Z", localtime(&t));
	printf("## vv-bench\n\n");
	printf("- machine: %s, %ld cores online, %.1f GiB RAM; Linux %s %s\n",
	       model, sysconf(_SC_NPROCESSORS_ONLN),
	       (double)sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) /
		   (1u << 30),
	       u.release, u.machine);
	printf("- date: %s\n- command: `", date);
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? " " : "", argv[i]);
	char *load = read_file("/proc/loadavg");
	if (load)
		load[strcspn(load, "\n")] = '\0';
	printf("`\n- load average before the run (1, 5, 15 min; other "
	       "processes share these cores): %.14s\n",
	       load ? load : "?");
	free(load);
	printf("- viewer: `%s`%s\n", o->viewer,
	       o->asan_lib ? " (sanitizer build: times are not comparable)"
			   : "");
	if (!o->callgrind_only && !o->cursor_only)
		printf(
		    "- %u measured guest frames per row after %u warm-up frames; "
		    "commit times: %s; syscalls: %s\n",
		    o->frames, o->warmup,
		    o->have_log_time
			? "the compositor's `t=` (`--log-time`)"
			: "when vv-bench read the log line "
			  "(no `--log-time` in this vv-compositor)",
		    o->have_perf ? "`perf stat -e raw_syscalls:sys_enter`, a "
				   "second window"
				 : "not measured (perf cannot count here)");
	if (o->emu.ok)
		printf("- emulated device inside the viewer, per operation "
		       "(subtracted in the *viewer-only* columns): query "
		       "%.1f µs and %.0f syscalls (a kernel ioctl: 1)\n",
		       o->emu.cpu_ns[VVB_N_QUERY_PRIMARY] / 1e3,
		       o->emu.syscalls[VVB_N_QUERY_PRIMARY]);
	if (o->emu.floor_ns > 0)
		printf(
		    "- the floor for any client here: a process woken at 60 Hz "
		    "by a 24-byte message on a unix socket, answering 72 bytes "
		    "(poll, recvmsg, sendmsg): %.1f µs CPU per wake-up\n",
		    o->emu.floor_ns / 1e3);
	if (!o->have_pacing)
		printf("- this vgpu-view has no `--pacing`: only frame pacing "
		       "rows ran\n");
	printf("\n");
}

/* ---- main ---------------------------------------------------------------- */

static const char *
env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

static void
usage(FILE *f)
{
	fputs(
	    "usage: vv-bench [--quick] [--facts] [--check] [--only TEXT] [--frames N] [--keep] [--callgrind] [--cursor]\n"
	    "  --quick         the rows the regression test needs, 120 frames each\n"
	    "  --facts         --quick's zero-copy rows, and --check asserts no ratio\n"
	    "  --check         then assert ratios and facts (README.md); exit 1 if one fails\n"
	    "  --only TEXT     only the configurations whose name contains TEXT\n"
	    "  --frames N      measured guest frames per row (default 600)\n"
	    "  --keep          keep the work directory (the logs of every process)\n"
	    "  --callgrind     instead of the table: instructions per frame (callgrind)\n"
	    "  --cursor        instead of the table: pointer motion to cursor on screen,\n"
	    "                  the local cursor and --cursor guest (with --check: facts\n"
	    "                  and the local median below the guest's)\n"
	    "Binaries: VV_VIEWER, VV_COMPOSITOR, VV_EMU, VV_EMU_LIB, VV_BENCH_TRACE_LIB override the build's.\n",
	    f);
}

int
main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "check", no_argument, NULL, 'c' },
		{ "facts", no_argument, NULL, 'f' },
		{ "only", required_argument, NULL, 'o' },
		{ "frames", required_argument, NULL, 'n' },
		{ "keep", no_argument, NULL, 'k' },
		{ "callgrind", no_argument, NULL, 'g' },
		{ "cursor", no_argument, NULL, 'C' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct bench_opts o = {
		.viewer = env_or("VV_VIEWER", VV_BENCH_VIEWER),
		.compositor = env_or("VV_COMPOSITOR", VV_BENCH_COMPOSITOR),
		.emu_tool = env_or("VV_EMU", VV_BENCH_EMU),
		.emu_lib = env_or("VV_EMU_LIB", VV_BENCH_EMU_LIB),
		.trace_lib = env_or("VV_BENCH_TRACE_LIB", VV_BENCH_TRACE_LIB),
		.asan_lib = VV_BENCH_ASAN_LIB[0] ? VV_BENCH_ASAN_LIB : NULL,
		.frames = 600,
		.warmup = 30,
		.sys_frames = 120,
	};
	bool frames_set = false;
	int c;
	char self[512];

	if (argc >= 2 && strcmp(argv[1], "--calibrate-child") == 0)
		return calibrate_child(argc, argv);
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		switch (c) {
		case 'q':
			o.quick = true;
			break;
		case 'c':
			o.check = true;
			break;
		case 'f':
			o.facts = o.quick = true;
			break;
		case 'o':
			o.only = optarg;
			break;
		case 'n':
			o.frames = (unsigned)atoi(optarg);
			frames_set = true;
			break;
		case 'k':
			o.keep = true;
			break;
		case 'g':
			o.callgrind_only = true;
			break;
		case 'C':
			o.cursor_only = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (o.frames < 10) {
		fprintf(stderr, "vv-bench: --frames: at least 10\n");
		return 2;
	}
	if (o.quick) {
		if (!frames_set)
			o.frames = 120;
		o.warmup = 15;
		o.sys_frames = 30;
	}
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	o.self = self;
	if (access("/usr/bin/weston-presentation-shm", X_OK) == 0)
		o.presentation_client = "/usr/bin/weston-presentation-shm";

	const char *tmp = env_or("TMPDIR", "/tmp");
	snprintf(o.workdir, sizeof(o.workdir), "%s/vv-bench.XXXXXX", tmp);
	if (!mkdtemp(o.workdir)) {
		fprintf(stderr, "vv-bench: mkdtemp %s: %s\n", o.workdir,
			strerror(errno));
		return 1;
	}
	const char *help_c[] = { o.compositor, "--help", NULL };
	const char *help_v[] = { o.viewer, "--help", NULL };
	o.have_log_time = output_has(help_c, o.workdir, "--log-time");
	o.have_pacing = output_has(help_v, o.workdir, "--pacing");
	o.have_perf = perf_works(o.workdir);
	if (!o.cursor_only)
		calibrate(&o);

	print_header(&o, argc, argv);
	if (o.cursor_only) {
		int r = cursor_section(&o, o.check);
		if (!o.keep && r == 0) {
			const char *rm[] = { "rm", "-rf", o.workdir, NULL };
			run_wait(rm, NULL, NULL);
		} else {
			bench_log(&o, "logs kept in %s", o.workdir);
		}
		return r;
	}
	if (o.callgrind_only) {
		int r = callgrind_section(&o);
		if (!o.keep && r == 0) {
			const char *rm[] = { "rm", "-rf", o.workdir, NULL };
			run_wait(rm, NULL, NULL);
		}
		return r;
	}

	bool any_error = false;
	int r = table_section(&o, &any_error);
	if (!o.keep && !any_error && r == 0) {
		const char *rm[] = { "rm", "-rf", o.workdir, NULL };
		run_wait(rm, NULL, NULL);
	} else {
		bench_log(&o, "logs kept in %s", o.workdir);
	}
	return r;
}
