"""One line per check and a closing 'N passed, N failed', for the client tests here."""

import sys

passed = failed = 0


def check(label, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok     {label}")
    else:
        failed += 1
        print(f"FAILED {label} {detail}")


def finish():
    """Print the tally and exit 1 if anything failed."""
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
