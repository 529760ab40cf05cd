/* Instructions per frame on the zero-copy path, from callgrind: repeatable
 * where times are not. The viewer runs under valgrind twice, for a short
 * and a long stretch of guest frames; startup and exit are the same in
 * both, so the difference of the two totals over the difference of the
 * frames is the cost of one frame, and the same difference per function
 * says where it goes. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHORT_FRAMES 60
#define LONG_FRAMES  360
#define MAX_FNS      4096

struct fn_cost {
	char name[200]; /* file:function */
	char obj[120];  /* basename of the object */
	double ir[2];   /* short run, long run */
};

struct profile {
	struct fn_cost *fns;
	size_t n;
};

static struct fn_cost *
find(struct profile *p, const char *name, const char *obj)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->fns[i].name, name) == 0)
			return &p->fns[i];
	if (p->n == MAX_FNS)
		return NULL;
	struct fn_cost *f = &p->fns[p->n++];
	memset(f, 0, sizeof(*f));
	str_copy(f->name, sizeof(f->name), name);
	str_copy(f->obj, sizeof(f->obj), obj);
	return f;
}

/* "1,234 (5.6%)  file:function [object]" lines of callgrind_annotate;
 * the object is printed only when it changes. */
static bool
annotate(const struct bench_opts *o, const char *out, const char *dir,
	 bool inclusive, int which, struct profile *p)
{
	char txt[700], obj[120] = "?";
	const char *argv[] = { "callgrind_annotate",
			       inclusive ? "--inclusive=yes" : "--inclusive=no",
			       "--threshold=100", out, NULL };

	snprintf(txt, sizeof(txt), "%s/annotate-%d-%d.txt", dir, which,
		 inclusive);
	if (run_wait(argv, NULL, txt) != 0)
		return false;
	char *s = read_file(txt);
	if (!s)
		return false;
	bool in_table = false;
	for (char *l = s; l && *l;) {
		char *nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		if (strstr(l, "file:function"))
			in_table = true;
		else if (in_table && l[0] && strchr(l, '(') &&
			 (l[0] == ' ' || (l[0] >= '0' && l[0] <= '9'))) {
			char num[32];
			size_t k = 0;
			for (const char *c = l;
			     *c && *c != '(' && k < sizeof(num) - 1; c++)
				if (*c >= '0' && *c <= '9')
					num[k++] = *c;
			num[k] = '\0';
			const char *name = strchr(l, ')');
			if (name) {
				name++;
				while (*name == ' ')
					name++;
				char buf[400];
				str_copy(buf, sizeof(buf), name);
				char *br = strstr(buf, " [");
				if (br) {
					*br = '\0';
					char *ob = br + 2;
					char *end = strchr(ob, ']');
					if (end)
						*end = '\0';
					const char *base = strrchr(ob, '/');
					str_copy(obj, sizeof(obj),
						 base ? base + 1 : ob);
				}
				struct fn_cost *f = find(p, buf, obj);
				if (f)
					f->ir[which] += strtod(num, NULL);
			}
		}
		l = nl ? nl + 1 : NULL;
	}
	free(s);
	return true;
}

static double
total_ir(const char *out)
{
	char *s = read_file(out);
	double ir = -1;
	const char *t = s ? strstr(s, "\ntotals:") : NULL;

	if (t)
		ir = strtod(t + 8, NULL);
	else if (s && (t = strstr(s, "\nsummary:")))
		ir = strtod(t + 9, NULL);
	free(s);
	return ir;
}

static int
cmp_long(const void *a, const void *b)
{
	const struct fn_cost *x = a, *y = b;
	double dx = x->ir[1] - x->ir[0], dy = y->ir[1] - y->ir[0];
	return dx < dy ? 1 : dx > dy ? -1 : 0;
}

static const char *
short_name(const char *name)
{
	/* "./path/./path/file.c:fn" -> "file.c:fn" */
	const char *colon = strrchr(name, ':');
	const char *slash = name;
	for (const char *c = name; colon && c < colon; c++)
		if (*c == '/')
			slash = c + 1;
	return slash;
}

static void
print_top(struct profile *p, double frames, unsigned top, const char *title)
{
	qsort(p->fns, p->n, sizeof(*p->fns), cmp_long);
	printf("\n%s\n\n| Ir / frame | function | object |\n|---:|---|---|\n",
	       title);
	for (size_t i = 0; i < p->n && i < top; i++) {
		double d = (p->fns[i].ir[1] - p->fns[i].ir[0]) / frames;
		if (d < 1)
			break;
		printf("| %.0f | `%s` | %s |\n", d, short_name(p->fns[i].name),
		       p->fns[i].obj);
	}
}

/* One pair of runs (short, long) of @name; Ir per frame into @per_frame.
 * @skip_emulation: collection off inside `ioctl` (the emulated device's
 * entry point in libvv-emu.so; on a real kernel it is one syscall). */
struct pair {
	const char *name;
	bool skip_emulation;
	char out[2][400];
	double ir[2], frames[2], per_frame;
};

static bool
run_pair(const struct bench_opts *base, const char *dir, unsigned index,
	 struct pair *p)
{
	const struct bench_config *cfg = bench_config_find(p->name);
	struct bench_result r;
	char outarg[460];

	if (!cfg)
		return false;
	for (int w = 0; w < 2; w++) {
		struct bench_opts o = *base;
		snprintf(p->out[w], sizeof(p->out[w]), "%s/%s%s-%d.out", dir,
			 p->name, p->skip_emulation ? "-viewer" : "", w);
		snprintf(outarg, sizeof(outarg), "--callgrind-out-file=%s",
			 p->out[w]);
		/* collecting from the start, off inside ioctl(); callgrind
		 * turns collect-atstart off when it parses toggle-collect, so
		 * the order matters */
		const char *wrap[] = { "valgrind",
				       "--tool=callgrind",
				       "-q",
				       outarg,
				       p->skip_emulation
					   ? "--toggle-collect=ioctl"
					   : "--collect-atstart=yes",
				       "--collect-atstart=yes",
				       NULL };
		o.wrap = wrap;
		o.no_trace = true;
		o.have_perf = false;
		o.warmup = 0;
		o.sys_frames = 0;
		o.frames = w ? LONG_FRAMES : SHORT_FRAMES;
		str_copy(o.workdir, sizeof(o.workdir), dir);
		bench_log(
		    &o, "callgrind: %u frames of %s%s", o.frames, cfg->name,
		    p->skip_emulation ? " (without the emulated device)" : "");
		bench_run(&o, cfg, index + (unsigned)w, &r);
		if (r.error[0]) {
			printf("\nCallgrind: %s failed: %s\n", p->name,
			       r.error);
			return false;
		}
		p->ir[w] = total_ir(p->out[w]);
		/* every commit is a frame; startup commits cancel out */
		p->frames[w] = (double)r.stats.commits;
	}
	double df = p->frames[1] - p->frames[0];
	if (p->ir[0] <= 0 || p->ir[1] <= 0 || df <= 0)
		return false;
	p->per_frame = (p->ir[1] - p->ir[0]) / df;
	return true;
}

int
callgrind_section(const struct bench_opts *base)
{
	char dir[300];
	struct pair pairs[] = {
		{ .name = "zero-copy-720p-still-frame",
		  .skip_emulation = true },
		{ .name = "zero-copy-4k-still-frame", .skip_emulation = true },
		{ .name = "zero-copy-720p-still-frame" },
		{ .name = "zero-copy-1080p-moving-frame",
		  .skip_emulation = true },
		{ .name = "zero-copy-1080p-moving-deadline",
		  .skip_emulation = true },
	};
	const unsigned n_pairs = sizeof(pairs) / sizeof(pairs[0]);

	if (base->asan_lib) {
		printf(
		    "\nCallgrind: skipped (a sanitizer build; valgrind cannot "
		    "run it).\n");
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/callgrind", base->workdir);
	if (mkdir_p(dir))
		return 1;
	for (unsigned i = 0; i < n_pairs; i++)
		if (!run_pair(base, dir, 90 + 2 * i, &pairs[i])) {
			printf("\nCallgrind: no usable totals in %s\n", dir);
			return 1;
		}
	struct pair *v720 = &pairs[0], *v4k = &pairs[1], *all = &pairs[2];
	struct pair *moving = &pairs[3], *deadline = &pairs[4];
	printf("\n### Instructions per frame (callgrind, zero-copy)\n\n");
	printf("Each figure: two runs of the viewer under `valgrind "
	       "--tool=callgrind` (no tracer), %d and %d guest flips at 60 Hz; "
	       "(Ir of the long run - Ir of the short run) / (commits of the "
	       "long run - commits of the short run). Startup, the first "
	       "imports and exit are the same in both runs and cancel out.\n\n",
	       SHORT_FRAMES, LONG_FRAMES);
	printf("| run | commits (short, long) | Ir (short, long) | Ir / frame "
	       "|\n|---|---|---|---:|\n");
	for (unsigned i = 0; i < n_pairs; i++)
		printf("| %s%s | %.0f, %.0f | %.0f, %.0f | **%.0f** |\n",
		       pairs[i].name,
		       pairs[i].skip_emulation
			   ? ", viewer only (`--toggle-collect=ioctl`: "
			     "nothing counted inside the emulated device)"
			   : ", everything (emulated device included)",
		       pairs[i].frames[0], pairs[i].frames[1], pairs[i].ir[0],
		       pairs[i].ir[1], pairs[i].per_frame);
	printf("\nViewer-only instructions per frame at 4K / 720p: %.3f. The "
	       "emulated device's two plane queries add %.0f instructions per "
	       "frame (on a real kernel: two ioctl syscalls).\n",
	       v4k->per_frame / v720->per_frame,
	       all->per_frame - v720->per_frame);
	printf("A moving cursor adds %.0f instructions per frame (its "
	       "subsurface's position and commit); deadline pacing adds %.0f "
	       "over frame pacing (presentation feedback, the timer).\n",
	       moving->per_frame - v720->per_frame,
	       deadline->per_frame - moving->per_frame);

	double df = v720->frames[1] - v720->frames[0];
	struct profile ex = { .fns = calloc(MAX_FNS, sizeof(struct fn_cost)) };
	struct profile in = { .fns = calloc(MAX_FNS, sizeof(struct fn_cost)) };
	bool ok = annotate(base, v720->out[0], dir, false, 0, &ex) &&
		  annotate(base, v720->out[1], dir, false, 1, &ex) &&
		  annotate(base, v720->out[0], dir, true, 0, &in) &&
		  annotate(base, v720->out[1], dir, true, 1, &in);
	if (ok) {
		struct profile objs = { .fns = calloc(MAX_FNS,
						      sizeof(struct fn_cost)) };
		for (size_t i = 0; i < ex.n; i++) {
			struct fn_cost *f = find(&objs, ex.fns[i].obj, "");
			if (f) {
				f->ir[0] += ex.fns[i].ir[0];
				f->ir[1] += ex.fns[i].ir[1];
			}
		}
		qsort(objs.fns, objs.n, sizeof(*objs.fns), cmp_long);
		printf("\nWhere the viewer's instructions go (720p, viewer "
		       "only), by object:\n\n| Ir / frame | object |\n"
		       "|---:|---|\n");
		for (size_t i = 0; i < objs.n; i++) {
			double d = (objs.fns[i].ir[1] - objs.fns[i].ir[0]) / df;
			if (d >= 1)
				printf("| %.0f | %s |\n", d, objs.fns[i].name);
		}
		free(objs.fns);
		print_top(&ex, df, 20, "By function, exclusive:");
		print_top(&in, df, 30, "By function, inclusive:");
	}
	free(ex.fns);
	free(in.fns);
	return ok ? 0 : 1;
}
