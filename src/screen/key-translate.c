#include "key-translate.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* One symbol of the reference keymap: where a US keyboard types it. */
struct ref_sym {
	xkb_keysym_t sym;
	xkb_keycode_t keycode;
	bool shift; /* level 2 */
};

struct vv_key_translate {
	struct xkb_keymap *ref;
	struct ref_sym *syms; /* level 1 of every key first, then level 2 */
	size_t n_syms;
};

struct collect {
	struct vv_key_translate *t;
	xkb_level_index_t level;
};

static void
collect_key(struct xkb_keymap *keymap, xkb_keycode_t keycode, void *data)
{
	struct collect *c = data;
	const xkb_keysym_t *syms;
	int n = xkb_keymap_key_get_syms_by_level(keymap, keycode, 0, c->level,
						 &syms);

	if (n != 1)
		return;
	c->t->syms =
	    vv_xreallocarray(c->t->syms, c->t->n_syms + 1, sizeof(*c->t->syms));
	c->t->syms[c->t->n_syms++] = (struct ref_sym){ .sym = syms[0],
						       .keycode = keycode,
						       .shift = c->level == 1 };
}

struct vv_key_translate *
vv_key_translate_create(struct xkb_context *ctx)
{
	const struct xkb_rule_names names = {
		.rules = "evdev",
		.model = "pc105",
		.layout = "us",
	};
	struct xkb_keymap *ref =
	    xkb_keymap_new_from_names(ctx, &names, XKB_KEYMAP_COMPILE_NO_FLAGS);

	if (!ref)
		return NULL;
	struct vv_key_translate *t = vv_xzalloc(sizeof(*t));
	t->ref = ref;
	/* Unshifted first: "1" is the 1 key, not Shift + keypad End. */
	for (xkb_level_index_t level = 0; level < 2; level++) {
		struct collect c = { .t = t, .level = level };
		xkb_keymap_key_for_each(ref, collect_key, &c);
	}
	return t;
}

void
vv_key_translate_destroy(struct vv_key_translate *t)
{
	if (!t)
		return;
	xkb_keymap_unref(t->ref);
	free(t->syms);
	free(t);
}

bool
vv_key_translate(const struct vv_key_translate *t, struct xkb_keymap *keymap,
		 xkb_keycode_t keycode, xkb_keysym_t sym, uint32_t *evdev,
		 bool *shift)
{
	const char *name = xkb_keymap_key_get_name(keymap, keycode);
	const char *ref_name = xkb_keymap_key_get_name(t->ref, keycode);

	*evdev = 0;
	*shift = false;
	if (!name || (ref_name && strcmp(name, ref_name) == 0))
		return false;
	for (size_t i = 0; i < t->n_syms; i++) {
		if (t->syms[i].sym != sym)
			continue;
		*evdev = t->syms[i].keycode - 8;
		*shift = t->syms[i].shift;
		break;
	}
	return true;
}
