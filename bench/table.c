/* vv-bench's table: every configuration selected, one after another, one
 * row each, then with --check the facts and ratios (README.md). */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the section -------------------------------------------------------- */

int
table_section(const struct bench_opts *o, bool *any_error)
{
	struct bench_result *res = calloc(bench_n_configs, sizeof(*res));
	uint64_t t0 = now_ns();
	for (size_t i = 0; i < bench_n_configs; i++) {
		const struct bench_config *cfg = &bench_configs[i];
		if ((o->quick && !cfg->quick) ||
		    (o->facts && cfg->path != BP_ZERO_COPY) ||
		    (o->only && !strstr(cfg->name, o->only)))
			continue;
		if (!o->have_pacing && strcmp(cfg->pacing, "frame") != 0)
			continue;
		bench_log(o, "%s", cfg->name);
		bench_run(o, cfg, (unsigned)i, &res[i]);
		if (res[i].error[0]) {
			bench_log(o, "%s: %s", cfg->name, res[i].error);
		} else if (!o->keep) {
			/* its framebuffers: 2 x 33 MB at 4K */
			char dir[512];
			snprintf(dir, sizeof(dir), "%s/%02zu-%s", o->workdir, i,
				 cfg->name);
			const char *rm[] = { "rm", "-rf", dir, NULL };
			run_wait(rm, NULL, NULL);
		}
	}
	print_table(o, res);
	char *load = read_file("/proc/loadavg");
	printf("\n(%.0f s for the table; load average after it: %.14s.)\n",
	       (double)(now_ns() - t0) / 1e9, load ? load : "?");
	free(load);
	struct bench_checks checks = { 0 };
	if (o->check)
		run_checks(o, res, &checks);
	*any_error = false;
	for (size_t i = 0; i < bench_n_configs; i++)
		*any_error |= res[i].ran && res[i].error[0];
	free(res);
	return checks.failures ? 1 : 0;
}
