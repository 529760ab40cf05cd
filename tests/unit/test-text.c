/* Appending to fixed-size message buffers: whole when it fits, cut and
 * marked when it does not, never past the end. */
#include "text.h"
#include "tst.h"

static void
appends_whole_pieces(void)
{
	char buf[32] = "";

	vv_text_append(buf, sizeof(buf), "%s%d (%s)", "", 23, "a");
	vv_text_append(buf, sizeof(buf), "%s%d (%s)", ", ", 24, "b");
	TST_CHECK_STR(buf, "23 (a), 24 (b)");
}

static void
marks_a_cut(void)
{
	char buf[12] = "";

	vv_text_append(buf, sizeof(buf), "%s", "0123456789");
	TST_CHECK_STR(buf, "0123456789");
	vv_text_append(buf, sizeof(buf), "%s", ", more");
	TST_CHECK_STR(buf, "01234567...");
	/* Full: nothing more goes in, the mark stays. */
	vv_text_append(buf, sizeof(buf), "%s", "x");
	TST_CHECK_STR(buf, "01234567...");

	char exact[6] = "";
	vv_text_append(exact, sizeof(exact), "%s", "12345");
	TST_CHECK_STR(exact, "12345");
	char over[6] = "";
	vv_text_append(over, sizeof(over), "%s", "123456");
	TST_CHECK_STR(over, "12...");
}

static void
stays_inside_the_buffer(void)
{
	char guard[8] = { 'a', 'b', 'c', 0, 'G', 'G', 'G', 'G' };

	/* Too small to mark a cut: left as it is. */
	vv_text_append(guard, 3, "%s", "long text");
	TST_CHECK(guard[0] == 'a' && guard[1] == 'b' && guard[2] == 'c');
	TST_CHECK(guard[4] == 'G');

	char buf[8] = "";
	vv_text_append(buf, 4, "%s", "abcdef");
	TST_CHECK_STR(buf, "...");
	TST_CHECK(buf[4] == 0 && buf[7] == 0);
}

int
main(void)
{
	TST_RUN(appends_whole_pieces);
	TST_RUN(marks_a_cut);
	TST_RUN(stays_inside_the_buffer);
	return tst_failures != 0;
}
