/* Key bindings (bindings.c), as --bind ACTION=KEY and the config file give
 * them: the input as an assignment and as a key, each in a heap block of
 * exactly its length + 1. A key that parses must format to a name that
 * parses back to the same key, since the overlay shows that name and a user
 * copies it into the config file. */
#include <stdio.h>
#include <xkbcommon/xkbcommon.h>

#include "bindings.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_bindings bindings;
	struct vv_key key, again;
	struct vv_err why;
	char name[128], tiny[8];
	char *text = vv_fuzz_string(data, size);

	vv_bindings_default(&bindings);
	vv_bindings_set(&bindings, text, &why);
	for (int i = 0; i < VV_COMMAND_COUNT; i++) {
		const struct vv_key *k = &bindings.keys[i];
		if (vv_bindings_match(&bindings, k->keysym, k->mods) < 0 &&
		    k->keysym)
			abort();
	}
	if (vv_key_parse(text, &key, &why) == 0) {
		vv_key_format(&key, name, sizeof(name));
		vv_key_format(&key, tiny, sizeof(tiny));
		if (vv_key_parse(name, &again, &why) != 0 ||
		    again.keysym != key.keysym || again.mods != key.mods) {
			fprintf(stderr, "'%s' formats as '%s', which %s\n",
				text, name,
				vv_key_parse(name, &again, &why)
				    ? "does not parse"
				    : "parses as another key");
			abort();
		}
	}
	free(text);
	return 0;
}
