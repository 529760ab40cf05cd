/* vv-bench: runs the real vgpu-view on the emulated vGPU inside the test
 * compositor, configuration after configuration, and prints one Markdown
 * table (README.md says what each column is and how it is measured). */
#include "bench.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
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

/* ---- the table ---------------------------------------------------------- */

static void
fmt_lat(char *buf, size_t len, const struct latency *l)
{
	if (!l->n)
		snprintf(buf, len, "–");
	else
		snprintf(buf, len, "%.1f / %.1f / %.1f", l->p50_ms, l->p99_ms,
			 l->max_ms);
}

static void
fmt_bytes(char *buf, size_t len, double b)
{
	if (b == 0)
		snprintf(buf, len, "0");
	else if (b >= 1e6)
		snprintf(buf, len, "%.1f M", b / 1e6);
	else
		snprintf(buf, len, "%.0f", b);
}

static void
print_table(const struct bench_opts *o, const struct bench_result *res)
{
	printf("| # | configuration | path | guest | cursor | pacing | "
	       "frames shown / flipped | commits/s | CPU µs/frame | "
	       "viewer-only µs/frame | pixel bytes/frame | "
	       "dma-buf maps: viewer / traced / seen | syscalls/frame "
	       "(viewer-only) | peak RSS MiB | flip→commit ms p50 / p99 / max "
	       "| flip→screen ms p50 / p99 / max | never shown |\n");
	printf("|---:|---|---|---|---|---|---:|---:|---:|---:|---:|---|---:|"
	       "---:|---|---|---:|\n");
	for (size_t i = 0; i < bench_n_configs; i++) {
		const struct bench_config *c = &bench_configs[i];
		const struct bench_result *r = &res[i];
		char lat[64], pres[64], bytes[32], sys[48], frames[48],
		    never[32], adj[32], maps[64];
		if (!r->ran)
			continue;
		if (r->error[0]) {
			printf("| %zu | %s | %s | | | %s | failed: %s "
			       "||||||||||||\n",
			       i + 1, c->name, bench_path_name(c->path),
			       c->pacing, r->error);
			continue;
		}
		fmt_lat(lat, sizeof(lat), &r->commit_lat);
		if (r->have_present)
			fmt_lat(pres, sizeof(pres), &r->present_lat);
		else
			snprintf(pres, sizeof(pres), "–");
		fmt_bytes(bytes, sizeof(bytes), r->pixel_bytes_per_frame);
		if (r->syscalls_per_frame < 0)
			snprintf(sys, sizeof(sys), "–");
		else if (r->adj_syscalls_per_frame < 0)
			snprintf(sys, sizeof(sys), "%.1f",
				 r->syscalls_per_frame);
		else
			snprintf(sys, sizeof(sys), "%.1f (%.1f)",
				 r->syscalls_per_frame,
				 r->adj_syscalls_per_frame);
		if (c->path == BP_COPY_REGION || c->guest == BG_STATIC) {
			snprintf(frames, sizeof(frames), "– (no flips)");
			snprintf(never, sizeof(never), "–");
		} else {
			snprintf(frames, sizeof(frames), "%llu / %llu",
				 (unsigned long long)r->shown,
				 (unsigned long long)r->flips);
			if (c->guest == BG_60HZ)
				snprintf(never, sizeof(never), "%llu (%.0f%%)",
					 (unsigned long long)r->never_shown,
					 r->flips
					     ? 100.0 * r->never_shown / r->flips
					     : 0);
			else
				snprintf(never, sizeof(never), "–");
		}
		if (r->adj_us_per_frame < 0)
			snprintf(adj, sizeof(adj), "–");
		else
			snprintf(adj, sizeof(adj), "%.1f", r->adj_us_per_frame);
		snprintf(maps, sizeof(maps), "%llu / %llu / %llu of %llu%s",
			 (unsigned long long)r->stats.dmabuf_maps,
			 (unsigned long long)r->traced_dmabuf_maps,
			 (unsigned long long)r->maps_seen,
			 (unsigned long long)r->maps_samples,
			 c->path == BP_COPY_REGION ? " (region)" : "");
		printf(
		    "| %zu | %s | %s %ux%u | %s | %s | %s | %s | %.0f | %.1f "
		    "| %s | %s | %s | %s | %.1f | %s | %s | %s |\n",
		    i + 1, c->name, bench_path_name(c->path), c->width,
		    c->height,
		    c->guest == BG_60HZ     ? "60 Hz"
		    : c->guest == BG_STATIC ? "no flips"
					    : "chase, refresh 0",
		    c->path == BP_COPY_REGION ? "none"
		    : c->cursor_moving        ? "moving"
					      : "still",
		    c->pacing, frames, r->fps, r->cpu_us_per_frame, adj, bytes,
		    maps, sys, (double)r->peak_rss_kib / 1024, lat, pres,
		    never);
	}
	(void)o;
}

/* ---- the regression checks (--check) ------------------------------------ */

static const struct bench_result *
find_result(const struct bench_result *res, const char *name)
{
	for (size_t i = 0; i < bench_n_configs; i++)
		if (strcmp(bench_configs[i].name, name) == 0 && res[i].ran &&
		    !res[i].error[0])
			return &res[i];
	return NULL;
}

/* Ratios and facts only: a loaded CI machine changes times, not these. */
static void
run_checks(const struct bench_opts *o, const struct bench_result *res,
	   struct bench_checks *checks)
{
	printf("\n### Checks\n\n");
	for (size_t i = 0; i < bench_n_configs; i++) {
		const struct bench_result *r = &res[i];
		if (!r->ran)
			continue;
		bench_check(checks, !r->error[0], "%s ran%s%s",
			    bench_configs[i].name, r->error[0] ? ": " : "",
			    r->error);
		if (r->error[0] || bench_configs[i].path != BP_ZERO_COPY)
			continue;
		bench_check(
		    checks, r->stats.pixel_bytes == 0,
		    "%s: the viewer touched no pixel (pixel_bytes=%llu)",
		    bench_configs[i].name,
		    (unsigned long long)r->stats.pixel_bytes);
		bench_check(
		    checks,
		    r->stats.dmabuf_maps == 0 && r->traced_dmabuf_maps == 0 &&
			r->maps_seen == 0 && r->maps_samples > 0,
		    "%s: no dma-buf mapped (viewer %llu, traced %llu, seen in %llu of %llu samples of /proc/PID/maps)",
		    bench_configs[i].name,
		    (unsigned long long)r->stats.dmabuf_maps,
		    (unsigned long long)r->traced_dmabuf_maps,
		    (unsigned long long)r->maps_seen,
		    (unsigned long long)r->maps_samples);
	}
	/* The ratios below compare times: they belong to a quiet machine,
	 * never to the default test suite. */
	if (o->facts) {
		bench_checks_end(checks);
		return;
	}
	const struct bench_result *s720 =
	    find_result(res, "zero-copy-720p-still-frame");
	const struct bench_result *s4k =
	    find_result(res, "zero-copy-4k-still-frame");
	const struct bench_result *c4k =
	    find_result(res, "copy-4k-moving-frame");
	const struct bench_result *fr =
	    find_result(res, "zero-copy-1080p-moving-frame");
	const struct bench_result *tm =
	    find_result(res, "zero-copy-1080p-moving-timer30");
	if (s720 && s4k)
		bench_check(
		    checks, s4k->cpu_us_per_frame < 3 * s720->cpu_us_per_frame,
		    "zero-copy CPU per frame at 4K (%.1f µs) within 3× of 720p (%.1f µs)",
		    s4k->cpu_us_per_frame, s720->cpu_us_per_frame);
	if (s4k && c4k)
		bench_check(
		    checks, c4k->cpu_us_per_frame > 10 * s4k->cpu_us_per_frame,
		    "copy path at 4K (%.1f µs/frame) costs over 10× the zero-copy path (%.1f µs/frame)",
		    c4k->cpu_us_per_frame, s4k->cpu_us_per_frame);
	if (fr && tm && o->have_pacing)
		bench_check(
		    checks,
		    fr->commit_lat.n && tm->commit_lat.n &&
			fr->commit_lat.p99_ms < tm->commit_lat.p99_ms,
		    "frame pacing flip→commit p99 (%.1f ms) below the 30 ms timer's (%.1f ms)",
		    fr->commit_lat.p99_ms, tm->commit_lat.p99_ms);
	const struct bench_result *dl =
	    find_result(res, "zero-copy-1080p-moving-deadline");
	/* The default's reason to be: guest frames reach the screen sooner
	 * than with frame callbacks (BENCHMARKS.md: ~16 vs ~24 ms p50). */
	if (fr && dl && o->have_pacing && o->presentation_client)
		bench_check(
		    checks,
		    fr->present_lat.n && dl->present_lat.n &&
			dl->present_lat.p50_ms < fr->present_lat.p50_ms,
		    "deadline pacing flip→screen p50 (%.1f ms) below frame pacing's (%.1f ms)",
		    dl->present_lat.p50_ms, fr->present_lat.p50_ms);
	if (fr)
		bench_check(
		    checks, fr->flips > 0 && fr->never_shown * 5 <= fr->flips,
		    "frame pacing showed at least 80%% of the guest's frames (%llu of %llu never shown)",
		    (unsigned long long)fr->never_shown,
		    (unsigned long long)fr->flips);
	bench_checks_end(checks);
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

	struct bench_result *res = calloc(bench_n_configs, sizeof(*res));
	uint64_t t0 = now_ns();
	for (size_t i = 0; i < bench_n_configs; i++) {
		const struct bench_config *cfg = &bench_configs[i];
		if ((o.quick && !cfg->quick) ||
		    (o.facts && cfg->path != BP_ZERO_COPY) ||
		    (o.only && !strstr(cfg->name, o.only)))
			continue;
		if (!o.have_pacing && strcmp(cfg->pacing, "frame") != 0)
			continue;
		bench_log(&o, "%s", cfg->name);
		bench_run(&o, cfg, (unsigned)i, &res[i]);
		if (res[i].error[0]) {
			bench_log(&o, "%s: %s", cfg->name, res[i].error);
		} else if (!o.keep) {
			/* its framebuffers: 2 x 33 MB at 4K */
			char dir[512];
			snprintf(dir, sizeof(dir), "%s/%02zu-%s", o.workdir, i,
				 cfg->name);
			const char *rm[] = { "rm", "-rf", dir, NULL };
			run_wait(rm, NULL, NULL);
		}
	}
	print_table(&o, res);
	char *load = read_file("/proc/loadavg");
	printf("\n(%.0f s for the table; load average after it: %.14s.)\n",
	       (double)(now_ns() - t0) / 1e9, load ? load : "?");
	free(load);
	struct bench_checks checks = { 0 };
	if (o.check)
		run_checks(&o, res, &checks);
	bool any_error = false;
	for (size_t i = 0; i < bench_n_configs; i++)
		any_error |= res[i].ran && res[i].error[0];
	if (!o.keep && !any_error && !checks.failures) {
		const char *rm[] = { "rm", "-rf", o.workdir, NULL };
		run_wait(rm, NULL, NULL);
	} else {
		bench_log(&o, "logs kept in %s", o.workdir);
	}
	free(res);
	return checks.failures ? 1 : 0;
}
