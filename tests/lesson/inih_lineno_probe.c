/* Does the inih this program links call its handler with a line number?
 * Prints 1 when it does, 0 when it does not. Run by meson.build at
 * configure time (option inih_handler_lineno=auto), and as the test
 * inih_abi (tests/lesson/meson.build) with the configured value as its
 * argument: then it fails (exit 1) when the library disagrees.
 *
 * The handler takes five arguments whatever ini.h declares; it is called
 * through inih's pointer type, which is exactly the mismatch being probed.
 * When the library passes four, the fifth is whatever sits in that
 * register or slot, and the chance that it reads 2 and then 4 for the two
 * keys of the text below (lines 2 and 4) is nil. */
#include <stdio.h>
#include <string.h>

#include <ini.h>

static int seen[4];
static int calls;

static int record_line(void *user, const char *section, const char *name,
                       const char *value, int lineno)
{
    (void)user, (void)section, (void)name, (void)value;
    if (calls < 4)
        seen[calls] = lineno;
    calls++;
    return 1;
}

int main(int argc, char **argv)
{
    ini_parse_string("[a]\nx=1\n\ny=2\n",
                     (ini_handler)(void (*)(void))record_line, NULL);
    int passes_lineno = calls == 2 && seen[0] == 2 && seen[1] == 4;
    printf("%d\n", passes_lineno);
    if (argc > 1 && strcmp(argv[1], passes_lineno ? "1" : "0") != 0) {
        fprintf(stderr,
                "inih %s the line number to its handler, but the build "
                "was configured with inih_handler_lineno=%s\n",
                passes_lineno ? "passes" : "does not pass",
                strcmp(argv[1], "1") == 0 ? "true" : "false");
        return 1;
    }
    return 0;
}
